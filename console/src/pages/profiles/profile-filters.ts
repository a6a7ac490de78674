import {
  PROFILE_SORTS,
  type ProfileQuery,
  type ProfileSort,
  type SortOrder,
} from '../../api/api-contract.js';

/** The list's controls as the user typed them; `toQuery` turns them into API parameters. */
export interface ProfileFilters {
  q: string;
  hasOrders: '' | 'yes' | 'no';
  minSpend: string;
  maxSpend: string;
  seenWithinDays: string;
  sort: ProfileSort;
  order: SortOrder;
}

export const DEFAULT_FILTERS: ProfileFilters = {
  q: '',
  hasOrders: '',
  minSpend: '',
  maxSpend: '',
  seenWithinDays: '',
  sort: 'last_seen',
  order: 'desc',
};

export function toQuery(f: ProfileFilters): ProfileQuery {
  const query: ProfileQuery = { sort: f.sort, order: f.order };
  const q = f.q.trim();
  if (q !== '') query.q = q;
  if (f.hasOrders !== '') query.hasOrders = f.hasOrders === 'yes';
  const min = toNumber(f.minSpend);
  const max = toNumber(f.maxSpend);
  const days = toNumber(f.seenWithinDays);
  if (min !== undefined) query.minTotalSpend = min;
  if (max !== undefined) query.maxTotalSpend = max;
  if (days !== undefined && days > 0) query.seenWithinDays = Math.round(days);
  return query;
}

function toNumber(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

// Kept per browser tab so that opening a profile and coming back shows the same list.
const STORAGE_KEY = 'tailor.profileFilters';

export function loadFilters(): ProfileFilters {
  try {
    const saved: unknown = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null');
    return saved === null ? DEFAULT_FILTERS : sanitize(saved);
  } catch {
    return DEFAULT_FILTERS;
  }
}

export function saveFilters(filters: ProfileFilters): void {
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(filters));
}

function sanitize(saved: unknown): ProfileFilters {
  if (typeof saved !== 'object' || saved === null) return DEFAULT_FILTERS;
  const s = saved as Record<string, unknown>;
  const text = (key: keyof ProfileFilters) => (typeof s[key] === 'string' ? s[key] : DEFAULT_FILTERS[key]);
  const sort = PROFILE_SORTS.find((x) => x === s.sort) ?? DEFAULT_FILTERS.sort;
  return {
    q: text('q'),
    hasOrders: s.hasOrders === 'yes' || s.hasOrders === 'no' ? s.hasOrders : '',
    minSpend: text('minSpend'),
    maxSpend: text('maxSpend'),
    seenWithinDays: text('seenWithinDays'),
    sort,
    order: s.order === 'asc' ? 'asc' : 'desc',
  };
}
