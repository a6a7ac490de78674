import { join, raw, type SqlFragment, type SqlValue, sql } from '../../stores/events/sql.js';
import type { Dialect } from './dialect.js';

/**
 * A value as the comparisons see it: whether it is present, as text, as a number.
 * `textNullWhenAbsent`: a comparison of the text or number already fails when the value is
 * absent, so `has` need not be tested beside it.
 */
export interface Accessor {
  has: SqlFragment;
  text: SqlFragment;
  num: SqlFragment;
  textNullWhenAbsent?: boolean;
}
const ORDER_OPS = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;
type Cmp = { op: string; value?: unknown; values?: unknown[]; from?: number; to?: number };

/** Comparisons on a value given as presence, text and number (shared by traits, properties, computed traits). */
export function compare(d: Dialect, v: Accessor, c: Cmp): SqlFragment {
  const eq = (x: SqlValue | boolean): SqlFragment =>
    typeof x === 'number'
      ? sql`${v.num} = ${x}`
      : typeof x === 'boolean'
        ? sql`${v.text} = ${x ? 'true' : 'false'}`
        : sql`${v.text} = ${x}`;
  // Where the value's absence already fails the comparison, presence is not tested apart.
  const has = (cmp: SqlFragment) => (v.textNullWhenAbsent ? cmp : sql`${v.has} AND ${cmp}`);
  let out: SqlFragment;
  switch (c.op) {
    case 'eq':
      out = has(eq(c.value as SqlValue));
      break;
    case 'neq':
      return sql`NOT ${d.truthy(sql`(${has(eq(c.value as SqlValue))})`)}`;
    case 'in':
      out = has(sql`(${join((c.values as SqlValue[]).map(eq), raw(' OR '))})`);
      break;
    case 'not_in':
      return sql`NOT ${d.truthy(sql`(${has(sql`(${join((c.values as SqlValue[]).map(eq), raw(' OR '))})`)})`)}`;
    case 'contains':
      out = has(d.containsCi(v.text, c.value as string));
      break;
    case 'not_contains':
      return sql`NOT ${d.truthy(sql`(${has(d.containsCi(v.text, c.value as string))})`)}`;
    case 'starts_with':
      out = has(d.startsWith(v.text, c.value as string));
      break;
    case 'ends_with':
      out = has(d.endsWith(v.text, c.value as string));
      break;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      out = has(sql`${v.num} ${raw(ORDER_OPS[c.op])} ${c.value as number}`);
      break;
    case 'between':
      out = has(sql`${v.num} >= ${c.from as number} AND ${v.num} <= ${c.to as number}`);
      break;
    case 'exists':
      out = v.has;
      break;
    case 'not_exists':
      return sql`NOT ${d.truthy(v.has)}`;
    default:
      throw new Error(`comparison ${c.op} does not apply here`);
  }
  return d.truthy(sql`(${out})`);
}
