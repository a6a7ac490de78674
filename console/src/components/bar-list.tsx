import { useI18n } from '../i18n/i18n-provider.js';

export interface Bar {
  id: string;
  label: string;
  count: number;
  /** Where the count leads, e.g. the group's member page. */
  href?: string;
}

/** Counts as horizontal bars, scaled to the largest, each with its share of the total. */
export function BarList({ bars, testId }: { bars: readonly Bar[]; testId: string }) {
  const { fmt } = useI18n();
  const max = Math.max(...bars.map((b) => b.count), 1);
  const total = bars.reduce((sum, b) => sum + b.count, 0);
  return (
    <ul className="bars" data-testid={testId}>
      {bars.map((b) => (
        <li key={b.id} data-testid={`${testId}-bar`} data-id={b.id}>
          <span className="bar-label">{b.label}</span>
          <span className="bar-track" aria-hidden="true">
            <span className="bar-fill" style={{ width: `${(100 * b.count) / max}%` }} />
          </span>
          <span className="bar-count">
            {b.href !== undefined ? (
              <a href={b.href} data-testid={`${testId}-count`}>
                {fmt.number(b.count)}
              </a>
            ) : (
              <span data-testid={`${testId}-count`}>{fmt.number(b.count)}</span>
            )}
            <span className="muted small">
              {' '}
              {fmt.number(total === 0 ? 0 : Math.round((1000 * b.count) / total) / 10)}%
            </span>
          </span>
        </li>
      ))}
    </ul>
  );
}
