import type { Node } from '../src/segments/dsl.js';

/**
 * The segment benchmark's 50 definitions over the demo shop's events: every node type of the
 * language, with the windows, property filters and nesting operators use. `bench_ping` is
 * the one the live benchmark moves profiles into.
 */
export const PING_EVENT = 'Bench Ping';
export const LIST_ID = 'bench_vip';

const days = (amount: number) => ({ last: { amount, unit: 'days' as const } });
const ev = (event: string, extra: Record<string, unknown> = {}): Node =>
  ({ type: 'event', event, ...extra }) as Node;
const and = (...children: Node[]): Node => ({ type: 'and', children });
const or = (...children: Node[]): Node => ({ type: 'or', children });
const not = (child: Node): Node => ({ type: 'not', child });
const trait = (t: string, cmp: Record<string, unknown>): Node =>
  ({ type: 'trait', trait: t, ...cmp }) as Node;
const computed = (t: string, cmp: Record<string, unknown>): Node =>
  ({ type: 'computed', trait: t, ...cmp }) as Node;
const agg = (event: string, property: string, fn: string, window: unknown, compare: unknown): Node =>
  ({ type: 'aggregate', event, property, fn, window, compare }) as Node;
const seg = (n: number): Node => ({ type: 'segment', segmentId: id(n) });

export const id = (n: number) => `bench_${String(n).padStart(2, '0')}`;

const ROOTS: Node[] = [
  /* 01 */ ev('Order Completed', { window: days(30) }),
  /* 02 */ ev('Order Completed', { window: days(90), count: { op: 'at_least', value: 3 } }),
  /* 03 */ ev('Product Viewed', { window: days(7), count: { op: 'at_least', value: 10 } }),
  /* 04 */ ev('Order Completed', { count: { op: 'exactly', value: 1 } }),
  /* 05 */ ev('Product Added', { window: days(30), count: { op: 'at_most', value: 2 } }),
  /* 06 */ ev('Product Viewed', {
    window: days(30),
    where: [{ property: 'category', op: 'eq', value: 'beauty' }],
  }),
  /* 07 */ ev('Product Added', {
    window: days(14),
    where: [{ property: 'category', op: 'in', values: ['shoes', 'sports'] }],
  }),
  /* 08 */ ev('Order Completed', {
    window: days(180),
    where: [{ property: 'revenue', op: 'gte', value: 1000 }],
  }),
  /* 09 */ ev('Order Completed', { window: { between: { from: '2026-06-01', to: '2026-06-19' } } }),
  /* 10 */ ev('Products Searched', {
    window: days(60),
    where: [{ property: 'query', op: 'contains', value: 'cook' }],
  }),
  /* 11 */ { type: 'no_event', event: 'Order Completed', window: days(180) },
  /* 12 */ and(ev('Product Viewed', { window: days(30) }), {
    type: 'no_event',
    event: 'Product Added',
    window: days(30),
  }),
  /* 13 */ { type: 'first_event', event: 'Order Completed', window: days(30) },
  /* 14 */ { type: 'first_event', event: 'Product Viewed', window: days(7) },
  /* 15 */ { type: 'last_event', event: 'Order Completed', olderThan: { amount: 90, unit: 'days' } },
  /* 16 */ { type: 'last_event', event: 'Product Viewed', olderThan: { amount: 30, unit: 'days' } },
  /* 17 */ agg('Order Completed', 'revenue', 'sum', days(90), { op: 'gte', value: 1000 }),
  /* 18 */ agg('Order Completed', 'revenue', 'avg', days(365), { op: 'gte', value: 500 }),
  /* 19 */ agg('Product Viewed', 'price', 'max', days(30), { op: 'gte', value: 1000 }),
  /* 20 */ agg('Product Viewed', 'category', 'count_distinct', days(90), { op: 'gte', value: 3 }),
  /* 21 */ agg('Order Completed', 'revenue', 'min', undefined, { op: 'lte', value: 100 }),
  /* 22 */ {
    type: 'sequence',
    first: { event: 'Product Added' },
    second: { event: 'Order Completed' },
    within: { amount: 1, unit: 'days' },
    followed: true,
    window: days(30),
  },
  /* 23 */ {
    type: 'sequence',
    first: { event: 'Checkout Started' },
    second: { event: 'Order Completed' },
    within: { amount: 1, unit: 'hours' },
    followed: false,
    window: days(7),
  },
  /* 24 */ {
    type: 'sequence',
    first: { event: 'Product Added', where: [{ property: 'price', op: 'gte', value: 300 }] },
    second: { event: 'Checkout Started' },
    within: { amount: 1, unit: 'days' },
    followed: false,
    window: days(30),
  },
  /* 25 */ {
    type: 'trend',
    event: 'Order Completed',
    change: 'stopped',
    recent: { amount: 60, unit: 'days' },
    previous: { amount: 60, unit: 'days' },
  },
  /* 26 */ {
    type: 'trend',
    event: 'Product Viewed',
    change: 'restarted',
    recent: { amount: 14, unit: 'days' },
    previous: { amount: 30, unit: 'days' },
  },
  /* 27 */ trait('gender', { op: 'eq', value: 'female' }),
  /* 28 */ trait('city', { op: 'in', values: ['北京', '上海', '深圳'] }),
  /* 29 */ trait('email', { op: 'contains', value: 'qq.com' }),
  /* 30 */ trait('phone', { op: 'starts_with', value: '+86' }),
  /* 31 */ and(trait('phone', { op: 'exists' }), trait('email', { op: 'not_exists' })),
  /* 32 */ trait('signup_at', { op: 'within_last', days: 30 }),
  /* 33 */ trait('birthday', { op: 'anniversary', period: 'this_month' }),
  /* 34 */ trait('birthday', { op: 'before', value: '1990-01-01' }),
  /* 35 */ computed('total_spend', { op: 'gte', value: 5000 }),
  /* 36 */ computed('order_count', { op: 'between', from: 2, to: 5 }),
  /* 37 */ computed('active_days_30', { op: 'gte', value: 5 }),
  /* 38 */ computed('days_since_last_order', { op: 'gt', value: 60 }),
  /* 39 */ computed('avg_order_value', { op: 'gte', value: 800 }),
  /* 40 */ and(seg(1), trait('gender', { op: 'eq', value: 'female' })),
  /* 41 */ and(seg(35), not(seg(11))),
  /* 42 */ { type: 'bucket', salt: 'holdout-2026', from: 0, to: 9 },
  /* 43 */ { type: 'model', model: 'rfm_grid', value: 'champions' },
  /* 44 */ and(
    { type: 'model', model: 'lifecycle', value: 'at_risk' },
    computed('total_spend', { op: 'gt', value: 2000 }),
  ),
  /* 45 */ and(
    { type: 'rfm_score', score: 'r', from: 4, to: 5 },
    { type: 'rfm_score', score: 'f', from: 1, to: 2 },
  ),
  /* 46 */ and({ type: 'interest', category: 'beauty' }, ev('Product Viewed', { window: days(14) })),
  /* 47 */ or({ type: 'list', listId: LIST_ID }, { type: 'model', model: 'spending', value: 'high' }),
  /* 48 */ or(
    and(ev('Order Refunded', { window: days(90) }), ev('Support Question Asked', { window: days(30) })),
    and(
      trait('locale', { op: 'eq', value: 'zh-CN' }),
      agg('Order Completed', 'revenue', 'sum', days(365), { op: 'between', from: 2000, to: 8000 }),
      not(ev('Order Refunded')),
    ),
  ),
  /* 49 */ and(
    { type: 'model', model: 'activity', value: 'high' },
    or(ev('Checkout Started', { window: days(3) }), ev('Product Added', { window: days(3) })),
  ),
  /* 50 */ ev(PING_EVENT, { window: { last: { amount: 1, unit: 'hours' } } }),
];

export const BENCH_SEGMENTS = ROOTS.map((root, i) => ({
  id: id(i + 1),
  name: `Bench ${i + 1}`,
  definition: { version: 1 as const, root },
}));
export const PING_SEGMENT = id(50);
