import type { Computed } from '../../api/api-contract.js';
import { EMPTY } from '../../i18n/format.js';
import { useI18n } from '../../i18n/i18n-provider.js';

type Kind = 'date' | 'count' | 'money' | 'days' | 'categories';

// Order is the reading order of the grid: activity first, then orders, then refunds and interests.
const FIELDS: ReadonlyArray<{ key: keyof Computed; kind: Kind }> = [
  { key: 'firstSeen', kind: 'date' },
  { key: 'lastSeen', kind: 'date' },
  { key: 'eventCount', kind: 'count' },
  { key: 'activeDays30', kind: 'count' },
  { key: 'orderCount', kind: 'count' },
  { key: 'totalSpend', kind: 'money' },
  { key: 'averageOrderValue', kind: 'money' },
  { key: 'firstOrderAt', kind: 'date' },
  { key: 'lastOrderAt', kind: 'date' },
  { key: 'daysSinceLastOrder', kind: 'days' },
  { key: 'refundCount', kind: 'count' },
  { key: 'refundTotal', kind: 'money' },
  { key: 'topCategories', kind: 'categories' },
];

export function ComputedGrid({ computed }: { computed: Computed }) {
  const { t, fmt } = useI18n();

  function show(kind: Kind, value: Computed[keyof Computed]): string {
    if (value === null) return EMPTY;
    switch (kind) {
      case 'date':
        return typeof value === 'string' ? fmt.dateTime(value) : EMPTY;
      case 'count':
        return typeof value === 'number' ? fmt.number(value) : EMPTY;
      case 'money':
        return typeof value === 'number' ? fmt.money(value) : EMPTY;
      case 'days':
        return typeof value === 'number' ? t('unit.days', { count: fmt.number(value) }) : EMPTY;
      case 'categories':
        return Array.isArray(value) && value.length > 0
          ? value.map((c) => `${c.category} (${fmt.number(c.count)})`).join(', ')
          : EMPTY;
    }
  }

  return (
    <section className="card">
      <h2>{t('computed.title')}</h2>
      <dl className="computed-grid">
        {FIELDS.map(({ key, kind }) => (
          <div key={key} className={kind === 'categories' ? 'wide' : undefined}>
            <dt>{t(`computed.${key}`)}</dt>
            <dd data-testid={`computed-${key}`}>{show(kind, computed[key])}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
