import type { Node } from '../../../api/segments-contract.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Every comparison a trait condition can make; property filters and computed traits use a subset. */
export type Comparison = DistributiveOmit<Extract<Node, { type: 'trait' }>, 'type' | 'trait'>;
export type ComparisonOp = Comparison['op'];

/** Shared by trait and computed conditions and by event property filters. */
export const VALUE_OPS = [
  'eq',
  'neq',
  'in',
  'not_in',
  'contains',
  'not_contains',
  'starts_with',
  'ends_with',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'exists',
  'not_exists',
] as const satisfies readonly ComparisonOp[];
/** Only for traits that hold a date (ISO text). */
export const DATE_OPS = [
  'before',
  'after',
  'within_last',
  'more_than_ago',
  'anniversary',
] as const satisfies readonly ComparisonOp[];
export const TRAIT_OPS = [...VALUE_OPS, ...DATE_OPS] as const;
/** An aggregate is a number: only numeric comparisons. */
export const NUMERIC_OPS = [
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
] as const satisfies readonly Extract<Node, { type: 'aggregate' }>['compare']['op'][];

/**
 * The comparison with its operator switched to `op`, keeping what can be kept of the old value
 * (`eq "a"` becomes `in ["a"]`, `gt 5` becomes `between 5 and …`).
 */
export function switchOp(previous: Comparison, op: ComparisonOp): Comparison {
  const first = 'value' in previous ? previous.value : 'values' in previous ? previous.values[0] : undefined;
  const asNumber = typeof first === 'number' ? first : toNumber(first);
  switch (op) {
    case 'eq':
    case 'neq':
      return { op, value: first ?? '' };
    case 'in':
    case 'not_in':
      return {
        op,
        values: 'values' in previous ? previous.values : first === undefined || first === '' ? [] : [first],
      };
    case 'contains':
    case 'not_contains':
    case 'starts_with':
    case 'ends_with':
      return { op, value: first === undefined ? '' : String(first) };
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return { op, value: asNumber };
    case 'between':
      return 'from' in previous && 'to' in previous
        ? { op, from: previous.from, to: previous.to }
        : { op, from: asNumber, to: Number.NaN };
    case 'exists':
    case 'not_exists':
      return { op };
    case 'before':
    case 'after':
      return { op, value: typeof first === 'string' && /^\d{4}-\d\d-\d\d/.test(first) ? first : '' };
    case 'within_last':
    case 'more_than_ago':
      return { op, days: 'days' in previous ? previous.days : 30 };
    case 'anniversary':
      return { op, period: 'today' };
  }
}

const COMPARISON_KEYS = new Set(['op', 'value', 'values', 'from', 'to', 'days', 'period']);

/** The comparison part of `node` (a trait or computed condition, or a property filter). */
export function comparisonOf(node: { op: string }): Comparison {
  return Object.fromEntries(Object.entries(node).filter(([k]) => COMPARISON_KEYS.has(k))) as Comparison;
}

/**
 * `node` with its comparison replaced by `comparison`. The old comparison's fields are dropped
 * first: the server refuses a `value` left over on a `between`.
 */
export function withComparison<N extends { op: string }>(node: N, comparison: Comparison): N {
  const rest = Object.fromEntries(Object.entries(node).filter(([k]) => !COMPARISON_KEYS.has(k)));
  // The caller passes a comparison its node type accepts (the op lists above); the cast restores N.
  return { ...rest, ...comparison } as unknown as N;
}

function toNumber(value: unknown): number {
  if (typeof value !== 'string' || value.trim() === '') return Number.NaN;
  const n = Number(value);
  return Number.isFinite(n) ? n : Number.NaN;
}
