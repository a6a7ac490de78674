import { PROFILE_SORTS } from '../../api/api-contract.js';
import { useT } from '../../i18n/i18n-provider.js';
import { DEFAULT_FILTERS, type ProfileFilters } from './profile-filters.js';

interface Props {
  filters: ProfileFilters;
  onChange(filters: ProfileFilters): void;
}

export function ProfileFilterBar({ filters, onChange }: Props) {
  const t = useT();
  const set = <K extends keyof ProfileFilters>(key: K, value: ProfileFilters[K]) =>
    onChange({ ...filters, [key]: value });

  return (
    <form className="filters" onSubmit={(e) => e.preventDefault()} data-testid="profile-filters">
      <input
        type="search"
        className="search"
        placeholder={t('profiles.search')}
        aria-label={t('profiles.search')}
        value={filters.q}
        onChange={(e) => set('q', e.target.value)}
        data-testid="profiles-search"
      />
      <label>
        {t('profiles.hasOrders')}
        <select
          value={filters.hasOrders}
          onChange={(e) =>
            set('hasOrders', e.target.value === 'yes' || e.target.value === 'no' ? e.target.value : '')
          }
          data-testid="filter-has-orders"
        >
          <option value="">{t('profiles.hasOrders.any')}</option>
          <option value="yes">{t('profiles.hasOrders.yes')}</option>
          <option value="no">{t('profiles.hasOrders.no')}</option>
        </select>
      </label>
      <label>
        {t('profiles.minSpend')}
        <input
          type="number"
          min="0"
          step="any"
          className="narrow"
          value={filters.minSpend}
          onChange={(e) => set('minSpend', e.target.value)}
          data-testid="filter-min-spend"
        />
      </label>
      <label>
        {t('profiles.maxSpend')}
        <input
          type="number"
          min="0"
          step="any"
          className="narrow"
          value={filters.maxSpend}
          onChange={(e) => set('maxSpend', e.target.value)}
          data-testid="filter-max-spend"
        />
      </label>
      <label>
        {t('profiles.seenWithin')}
        <input
          type="number"
          min="1"
          step="1"
          className="narrow"
          value={filters.seenWithinDays}
          onChange={(e) => set('seenWithinDays', e.target.value)}
          data-testid="filter-seen-days"
        />
      </label>
      <label>
        {t('profiles.sort')}
        <select
          value={filters.sort}
          onChange={(e) =>
            set('sort', PROFILE_SORTS.find((s) => s === e.target.value) ?? DEFAULT_FILTERS.sort)
          }
          data-testid="sort-select"
        >
          {PROFILE_SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`sort.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="small"
        onClick={() => set('order', filters.order === 'asc' ? 'desc' : 'asc')}
        data-testid="order-toggle"
        data-order={filters.order}
      >
        {filters.order === 'asc' ? `↑ ${t('profiles.order.asc')}` : `↓ ${t('profiles.order.desc')}`}
      </button>
      <button type="button" className="link" onClick={() => onChange(DEFAULT_FILTERS)}>
        {t('profiles.reset')}
      </button>
    </form>
  );
}
