import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Node } from '../src/segments/dsl.js';
import type { Transition } from '../src/segments/engine/segment-engine.js';
import { systemCtx } from '../src/services/context.js';
import { findProfile } from '../src/services/profiles/find-profile.js';
import { previewSegment } from '../src/services/segments/preview-segment.js';
import { saveSegment } from '../src/services/segments/save-segment.js';
import { listSegmentMembers, profileSegments } from '../src/services/segments/segment-members.js';
import { updateWorkspaceSettings } from '../src/services/workspaces/update-workspace-settings.js';
import { join, raw, sql } from '../src/stores/events/sql.js';
import { EVENT_ENGINES } from './helpers/stores.js';
import { makeWorkspace, startTestTailor, type TestServer } from './helpers/tailor.js';

/**
 * The segment engine's scenarios, written as steps: ingest → move the clock → run → expect
 * members. Every scenario runs on both event stores, each in its own workspace.
 */
type Msg = Record<string, unknown>;
type Step =
  | { ingest: Msg[] }
  | { at: string }
  | { run: 'full' | 'live' }
  | { expect: Record<string, string[]> };
interface Scenario {
  name: string;
  /** The workspace's time zone, when not UTC. */
  timeZone?: string;
  segments: Record<string, Node>;
  steps: Step[];
}

const T0 = '2026-03-01T12:00:00.000Z';
const day = (n: number) => new Date(Date.parse(T0) + n * 86_400_000).toISOString();
let seq = 0;
const track = (userId: string, event: string, at: string, properties: Msg = {}): Msg => ({
  type: 'track',
  userId,
  event,
  properties,
  timestamp: at,
  messageId: `m${++seq}`,
});
const identify = (userId: string, traits: Msg, at: string, anonymousId?: string): Msg => ({
  type: 'identify',
  userId,
  traits,
  timestamp: at,
  messageId: `m${++seq}`,
  ...(anonymousId ? { anonymousId } : {}),
});
const last = (amount: number, unit: 'minutes' | 'hours' | 'days' = 'days') => ({ last: { amount, unit } });

const SCENARIOS: Scenario[] = [
  {
    name: 'trait comparisons use the newest value by event time, whatever the arrival order',
    segments: {
      pro: { type: 'trait', trait: 'plan', op: 'eq', value: 'pro' },
      notPro: { type: 'trait', trait: 'plan', op: 'neq', value: 'pro' },
      cities: { type: 'trait', trait: 'city', op: 'in', values: ['上海', 'Beijing'] },
      gmail: { type: 'trait', trait: 'email', op: 'ends_with', value: '@gmail.com' },
      adult: { type: 'trait', trait: 'age', op: 'between', from: 18, to: 65 },
      noAge: { type: 'trait', trait: 'age', op: 'not_exists' },
      vip: { type: 'trait', trait: 'vip', op: 'eq', value: true },
      nameHasLi: { type: 'trait', trait: 'name', op: 'contains', value: 'li' },
    },
    steps: [
      { at: day(10) },
      {
        ingest: [
          identify(
            'u1',
            { plan: 'free', city: '上海', email: 'a@gmail.com', age: 30, name: 'Li Lei' },
            day(1),
          ),
          identify('u1', { plan: 'pro', vip: true }, day(3)),
          identify('u2', { plan: 'free', city: 'Paris', email: 'b@qq.com', age: '70' }, day(2)),
        ],
      },
      // Arrives last but is older than u1's "pro": must not win.
      { ingest: [identify('u1', { plan: 'basic' }, day(2)), identify('u3', { name: 'ALICE' }, day(1))] },
      { run: 'full' },
      {
        expect: {
          pro: ['u1'],
          notPro: ['u2', 'u3'],
          cities: ['u1'],
          gmail: ['u1'],
          adult: ['u1'],
          noAge: ['u3'],
          vip: ['u1'],
          nameHasLi: ['u1', 'u3'],
        },
      },
    ],
  },
  {
    name: 'date traits: before, after, within the last days, more than days ago, birthdays',
    segments: {
      oldSignup: { type: 'trait', trait: 'signup_at', op: 'before', value: '2025-01-01' },
      newSignup: { type: 'trait', trait: 'signup_at', op: 'within_last', days: 30 },
      longAgo: { type: 'trait', trait: 'signup_at', op: 'more_than_ago', days: 365 },
      birthdayMonth: { type: 'trait', trait: 'birthday', op: 'anniversary', period: 'this_month' },
      birthdayToday: { type: 'trait', trait: 'birthday', op: 'anniversary', period: 'today' },
    },
    steps: [
      { at: day(0) },
      {
        ingest: [
          identify('u1', { signup_at: '2024-05-01T08:00:00Z', birthday: '1990-03-01' }, day(-1)),
          identify('u2', { signup_at: day(-3), birthday: '1985-03-20' }, day(-1)),
          identify('u3', { signup_at: 'not a date', birthday: '1999-07-01' }, day(-1)),
        ],
      },
      { run: 'full' },
      {
        expect: {
          oldSignup: ['u1'],
          newSignup: ['u2'],
          longAgo: ['u1'],
          birthdayMonth: ['u1', 'u2'],
          birthdayToday: ['u1'],
        },
      },
    ],
  },
  {
    name: 'behaviour counts with windows and property filters; computed traits',
    segments: {
      twoOrders30d: {
        type: 'event',
        event: 'Order Completed',
        window: last(30),
        count: { op: 'at_least', value: 2 },
      },
      exactlyOneOrderEver: { type: 'event', event: 'Order Completed', count: { op: 'exactly', value: 1 } },
      bigOrder: {
        type: 'event',
        event: 'Order Completed',
        where: [{ property: 'revenue', op: 'gt', value: 500 }],
      },
      shoesInMarch: {
        type: 'event',
        event: 'Product Viewed',
        where: [{ property: 'category', op: 'eq', value: 'shoes' }],
        window: { between: { from: '2026-03-01', to: '2026-04-01' } },
      },
      noOrder7d: { type: 'no_event', event: 'Order Completed', window: last(7) },
      spend1000: { type: 'computed', trait: 'total_spend', op: 'gte', value: 1000 },
      aov: { type: 'computed', trait: 'avg_order_value', op: 'gt', value: 400 },
      recentBuyer: { type: 'computed', trait: 'days_since_last_order', op: 'lte', value: 3 },
    },
    steps: [
      { at: day(20) },
      {
        ingest: [
          track('u1', 'Order Completed', day(1), { revenue: 600 }),
          track('u1', 'Order Completed', day(18), { revenue: '450' }),
          track('u2', 'Order Completed', day(-60), { total: 100 }),
          track('u2', 'Product Viewed', day(5), { category: 'shoes' }),
          track('u3', 'Product Viewed', day(40), { category: 'shoes' }),
          track('u3', 'Product Viewed', day(-5), { category: 'shoes' }),
          // The amount is the first revenue property holding a number: here `total`.
          track('u3', 'Order Completed', day(-30), { revenue: 'n/a', total: 1200 }),
        ],
      },
      { run: 'full' },
      {
        expect: {
          twoOrders30d: ['u1'],
          exactlyOneOrderEver: ['u2', 'u3'],
          bigOrder: ['u1'],
          shoesInMarch: ['u2'],
          noOrder7d: ['u2', 'u3'],
          spend1000: ['u1', 'u3'],
          aov: ['u1', 'u3'],
          recentBuyer: ['u1'],
        },
      },
    ],
  },
  {
    name: 'new and dormant users; windows that expire are caught by a full run without new events',
    segments: {
      newUsers: { type: 'first_event', event: 'Signed Up', window: last(7) },
      dormant: { type: 'last_event', event: 'Order Completed', olderThan: { amount: 30, unit: 'days' } },
      active7d: { type: 'event', event: 'Order Completed', window: last(7) },
    },
    steps: [
      { at: day(2) },
      {
        ingest: [
          track('u1', 'Signed Up', day(0)),
          track('u1', 'Order Completed', day(1), { revenue: 10 }),
          track('u2', 'Signed Up', day(-30)),
          track('u2', 'Order Completed', day(-40), { revenue: 10 }),
        ],
      },
      { run: 'full' },
      { expect: { newUsers: ['u1'], dormant: ['u2'], active7d: ['u1'] } },
      { at: day(40) },
      { run: 'full' },
      { expect: { newUsers: [], dormant: ['u1', 'u2'], active7d: [] } },
    ],
  },
  {
    name: 'aggregates over a property: sum, average, min, max, count distinct',
    segments: {
      sum: {
        type: 'aggregate',
        event: 'Order Completed',
        property: 'revenue',
        fn: 'sum',
        window: last(90),
        compare: { op: 'gte', value: 1000 },
      },
      avg: {
        type: 'aggregate',
        event: 'Order Completed',
        property: 'revenue',
        fn: 'avg',
        compare: { op: 'lt', value: 100 },
      },
      min: {
        type: 'aggregate',
        event: 'Order Completed',
        property: 'revenue',
        fn: 'min',
        compare: { op: 'lte', value: 5 },
      },
      max: {
        type: 'aggregate',
        event: 'Order Completed',
        property: 'revenue',
        fn: 'max',
        compare: { op: 'between', from: 500, to: 900 },
      },
      skus: {
        type: 'aggregate',
        event: 'Product Viewed',
        property: 'sku',
        fn: 'count_distinct',
        compare: { op: 'gte', value: 3 },
      },
    },
    steps: [
      { at: day(100) },
      {
        ingest: [
          track('u1', 'Order Completed', day(50), { revenue: 800 }),
          track('u1', 'Order Completed', day(60), { revenue: 300 }),
          track('u1', 'Order Completed', day(1), { revenue: 5000 }),
          track('u2', 'Order Completed', day(99), { revenue: 5 }),
          track('u2', 'Order Completed', day(99), { revenue: 50 }),
          track('u3', 'Product Viewed', day(99), { sku: 'a' }),
          track('u3', 'Product Viewed', day(99), { sku: 'b' }),
          track('u3', 'Product Viewed', day(99), { sku: 'b' }),
          track('u3', 'Product Viewed', day(99), { sku: 'c' }),
          track('u2', 'Product Viewed', day(99), { sku: 'a' }),
        ],
      },
      { run: 'full' },
      { expect: { sum: ['u1'], avg: ['u2'], min: ['u2'], max: [], skus: ['u3'] } },
    ],
  },
  {
    name: 'sequences: viewed then bought within a day; an abandoned cart leaves when the order comes',
    segments: {
      viewThenBuy: {
        type: 'sequence',
        first: { event: 'Product Viewed' },
        second: { event: 'Order Completed' },
        within: { amount: 1, unit: 'days' },
        followed: true,
      },
      abandoned: {
        type: 'sequence',
        first: { event: 'Product Added' },
        second: { event: 'Order Completed' },
        within: { amount: 2, unit: 'hours' },
        followed: false,
      },
    },
    steps: [
      { at: day(5) },
      {
        ingest: [
          track('u1', 'Product Viewed', day(1)),
          track('u1', 'Order Completed', '2026-03-02T20:00:00.000Z'),
          track('u2', 'Product Viewed', day(1)),
          track('u2', 'Order Completed', day(3)),
          track('u3', 'Product Added', day(4)),
          track('u4', 'Product Added', '2026-03-06T11:00:00.000Z'),
          // Two carts, each ordered within the hour: only the latest cart counts, and it was bought.
          track('u5', 'Product Added', day(0)),
          track('u5', 'Order Completed', '2026-03-01T12:30:00.000Z'),
          track('u5', 'Product Added', day(4)),
          track('u5', 'Order Completed', '2026-03-05T12:30:00.000Z'),
        ],
      },
      { run: 'full' },
      // u4's cart is an hour old: not abandoned yet.
      { expect: { viewThenBuy: ['u1'], abandoned: ['u3'] } },
      { at: '2026-03-06T14:00:00.000Z' },
      { ingest: [track('u3', 'Order Completed', '2026-03-05T12:30:00.000Z')] },
      // The live run re-evaluates u3 only: its cart is no longer abandoned. u4's cart became
      // abandoned by time passing, which the next full run sees.
      { run: 'live' },
      { expect: { viewThenBuy: ['u1'], abandoned: [] } },
      { run: 'full' },
      { expect: { viewThenBuy: ['u1'], abandoned: ['u4'] } },
    ],
  },
  {
    // Inside a window only the second events after the window's start are kept (compiler.ts,
    // sequence): these pairs sit on that edge, and an order just before it must not count.
    name: 'sequences inside a window: pairs at the window start, and seconds before it',
    segments: {
      windowedBuy: {
        type: 'sequence',
        first: { event: 'Product Viewed' },
        second: { event: 'Order Completed' },
        within: { amount: 1, unit: 'days' },
        followed: true,
        window: { last: { amount: 3, unit: 'days' } },
      },
      windowedAbandoned: {
        type: 'sequence',
        first: { event: 'Product Added' },
        second: { event: 'Order Completed' },
        within: { amount: 2, unit: 'hours' },
        followed: false,
        window: { last: { amount: 3, unit: 'days' } },
      },
    },
    steps: [
      { at: day(5) },
      {
        ingest: [
          // Viewed exactly at the window's start, ordered a millisecond later: in.
          track('u1', 'Product Viewed', day(2)),
          track('u1', 'Order Completed', '2026-03-03T12:00:00.001Z'),
          // Ordered a millisecond before the window, viewed at its start: the order came first.
          track('u2', 'Order Completed', '2026-03-03T11:59:59.999Z'),
          track('u2', 'Product Viewed', day(2)),
          // Viewed before the window, ordered inside it: the view is outside the window.
          track('u3', 'Product Viewed', '2026-03-03T11:00:00.000Z'),
          track('u3', 'Order Completed', '2026-03-03T13:00:00.000Z'),
          // A cart at the window's start, bought an hour later; another bought before the window.
          track('u4', 'Product Added', day(2)),
          track('u4', 'Order Completed', '2026-03-03T13:00:00.000Z'),
          track('u5', 'Product Added', day(3)),
          track('u5', 'Order Completed', '2026-03-02T12:00:00.000Z'),
        ],
      },
      { run: 'full' },
      { expect: { windowedBuy: ['u1'], windowedAbandoned: ['u5'] } },
      { run: 'live' },
      { expect: { windowedBuy: ['u1'], windowedAbandoned: ['u5'] } },
    ],
  },
  {
    name: 'stopped and restarted performing',
    segments: {
      stopped: {
        type: 'trend',
        event: 'App Opened',
        change: 'stopped',
        recent: { amount: 7, unit: 'days' },
        previous: { amount: 7, unit: 'days' },
      },
      restarted: {
        type: 'trend',
        event: 'App Opened',
        change: 'restarted',
        recent: { amount: 7, unit: 'days' },
        previous: { amount: 14, unit: 'days' },
      },
    },
    steps: [
      { at: day(30) },
      {
        ingest: [
          track('u1', 'App Opened', day(20)),
          track('u2', 'App Opened', day(1)),
          track('u2', 'App Opened', day(28)),
          track('u3', 'App Opened', day(20)),
          track('u3', 'App Opened', day(29)),
        ],
      },
      { run: 'full' },
      { expect: { stopped: ['u1'], restarted: ['u2'] } },
    ],
  },
  {
    name: 'logic, references and random buckets',
    segments: {
      buyers: { type: 'event', event: 'Order Completed' },
      cn: { type: 'trait', trait: 'country', op: 'eq', value: 'CN' },
      cnBuyers: {
        type: 'and',
        children: [
          { type: 'segment', segmentId: 'buyers' },
          { type: 'segment', segmentId: 'cn' },
        ],
      },
      notBuyersOrCn: {
        type: 'or',
        children: [
          { type: 'not', child: { type: 'segment', segmentId: 'buyers' } },
          { type: 'segment', segmentId: 'cn' },
        ],
      },
      half: { type: 'bucket', salt: 'exp1', from: 0, to: 49 },
    },
    steps: [
      { at: day(3) },
      {
        ingest: [
          identify('u1', { country: 'CN' }, day(0)),
          track('u1', 'Order Completed', day(1)),
          identify('u2', { country: 'US' }, day(0)),
          track('u2', 'Order Completed', day(1)),
          identify('u3', { country: 'US' }, day(0)),
        ],
      },
      { run: 'full' },
      { expect: { cnBuyers: ['u1'], notBuyersOrCn: ['u1', 'u3'] } },
    ],
  },
  {
    name: 'identity merged after the events: the anonymous history counts for the user',
    segments: {
      viewers: { type: 'event', event: 'Product Viewed', count: { op: 'at_least', value: 2 } },
    },
    steps: [
      { at: day(5) },
      {
        ingest: [
          {
            type: 'track',
            anonymousId: 'anon-9',
            event: 'Product Viewed',
            timestamp: day(1),
            messageId: 'a1',
          },
          track('u1', 'Product Viewed', day(2)),
        ],
      },
      { run: 'full' },
      { expect: { viewers: [] } },
      { ingest: [identify('u1', { name: 'x' }, day(3), 'anon-9')] },
      { run: 'live' },
      { expect: { viewers: ['u1'] } },
    ],
  },
  {
    name: "the workspace's time zone decides where days begin: active days, activity, birthdays",
    timeZone: 'Asia/Shanghai',
    segments: {
      twoDays: { type: 'computed', trait: 'active_days_30', op: 'gte', value: 2 },
      lowActivity: { type: 'model', model: 'activity', value: 'low' },
      birthdayToday: { type: 'trait', trait: 'birthday', op: 'anniversary', period: 'today' },
    },
    steps: [
      // 02:00 on 17 May in Shanghai, still 16 May in UTC.
      { at: '2026-05-16T18:00:00.000Z' },
      {
        ingest: [
          // 23:30 on 10 May and 00:30 on 11 May in Shanghai: one UTC day, two local ones.
          identify('z1', { birthday: '1990-05-17' }, '2026-05-10T15:30:00.000Z'),
          track('z1', 'Ping', '2026-05-10T16:30:00.000Z'),
          // 09:00 and 17:00 on 10 May in Shanghai.
          identify('z2', { birthday: '1990-05-16' }, '2026-05-10T01:00:00.000Z'),
          track('z2', 'Ping', '2026-05-10T09:00:00.000Z'),
        ],
      },
      { run: 'full' },
      { expect: { twoDays: ['z1'], lowActivity: ['z1', 'z2'], birthdayToday: ['z1'] } },
    ],
  },
  {
    name: 'active days across a daylight-saving change use the offset in force at each event',
    timeZone: 'America/New_York',
    segments: { twoDays: { type: 'computed', trait: 'active_days_30', op: 'gte', value: 2 } },
    steps: [
      { at: '2026-03-10T12:00:00.000Z' },
      {
        ingest: [
          // 23:30 and 00:30 in winter time (UTC−5).
          track('n1', 'Ping', '2026-03-07T04:30:00.000Z'),
          track('n1', 'Ping', '2026-03-07T05:30:00.000Z'),
          // 23:30 and 00:30 in summer time (UTC−4); at UTC−5 both would fall on 8 March.
          track('n2', 'Ping', '2026-03-09T03:30:00.000Z'),
          track('n2', 'Ping', '2026-03-09T04:30:00.000Z'),
          // 00:10 and 00:50 on 9 March in summer time.
          track('n3', 'Ping', '2026-03-09T04:10:00.000Z'),
          track('n3', 'Ping', '2026-03-09T04:50:00.000Z'),
        ],
      },
      { run: 'full' },
      { expect: { twoDays: ['n1', 'n2'] } },
    ],
  },
];

describe.each(EVENT_ENGINES)('segment engine on $name', ({ name, available }) => {
  let s: TestServer;
  let n = 0;
  beforeAll(async () => {
    if (available) s = await startTestTailor({ state: 'pglite', events: name });
  });
  afterAll(async () => {
    await s?.close();
  });

  it.skipIf(!available).each(SCENARIOS)('$name', async (sc) => {
    const ws = `seg${n++}`;
    await makeWorkspace(s.tailor, ws);
    const ctx = systemCtx(s.tailor, ws);
    let now = Date.parse(T0);
    s.tailor.segments.setClock(() => now);
    if (sc.timeZone) await updateWorkspaceSettings({ ctx, input: { timeZone: sc.timeZone } });
    // References first: a segment may only refer to segments that exist.
    const ids = Object.keys(sc.segments).sort(
      (a, b) => refCount(sc.segments[a]!) - refCount(sc.segments[b]!),
    );
    const saved = new Map<string, string>();
    for (const id of ids) {
      const def = JSON.parse(
        JSON.stringify(sc.segments[id]).replace(
          /"segmentId":"(\w+)"/g,
          (_, r) => `"segmentId":"${saved.get(r)}"`,
        ),
      );
      const seg = await saveSegment({ ctx, input: { name: id, definition: { version: 1, root: def } } });
      saved.set(id, seg.id);
    }
    for (const step of sc.steps) {
      if ('at' in step) now = Date.parse(step.at);
      else if ('ingest' in step) {
        await s.tailor.ingestor.ingest(ws, step.ingest);
        await s.tailor.applier.idle();
      } else if ('run' in step) {
        if (step.run === 'full') await s.tailor.segments.run(ws);
        else await s.tailor.segments.runDirty();
      } else {
        for (const [seg, users] of Object.entries(step.expect)) {
          const got = await membersAsUsers(ctx, saved.get(seg)!);
          expect({ [seg]: got }).toEqual({ [seg]: [...users].sort() });
        }
      }
    }
  });

  // The models' cut points (docs/models.md): DuckDB ranks with a window, ClickHouse sorts arrays.
  it.skipIf(!available)(
    'picks the pairs at rank ⌈n·k/parts⌉ by value, then profile id, for 0–12 rows',
    async () => {
      const picks = [
        ...[1, 2, 3, 4].map((k) => ({ name: `q${k}`, k, parts: 5 })),
        { name: 'p90', k: 90, parts: 100 },
      ];
      for (let size = 0; size <= 12; size++) {
        // Ties in v (0–3), ids not in the order of v; rows with v = 0 are outside the condition.
        const rows = Array.from({ length: size }, (_, i) => ({
          pid: `q${(i * 7) % 13}_${i}`,
          v: (i * 5) % 4,
        }));
        const selects = rows.map((r) => sql`SELECT ${r.pid} AS pid, ${r.v} AS v`);
        const from =
          selects.length > 0
            ? sql`(${join(selects, raw(' UNION ALL '))})`
            : sql`(SELECT 'none' AS pid, 0 AS v WHERE 1 = 0)`;
        const q = s.tailor.segments.dialect.rankedPairs(from, [
          { value: raw('v'), cond: raw('v > 0'), count: 'n', avg: 'mean', picks },
        ]);
        const [got] = await s.tailor.events.select(q);
        const ranked = rows.filter((r) => r.v > 0).sort((a, b) => a.v - b.v || (a.pid < b.pid ? -1 : 1));
        expect({ size, n: Number(got?.n) }).toEqual({ size, n: ranked.length });
        if (ranked.length === 0) continue; // the pairs are then undefined (readers check n first)
        expect(Number(got?.mean)).toBeCloseTo(ranked.reduce((a, r) => a + r.v, 0) / ranked.length, 9);
        for (const p of picks) {
          const at = ranked[Math.max(1, Math.ceil((ranked.length * p.k) / p.parts)) - 1]!;
          expect({ size, pick: p.name, v: Number(got?.[`${p.name}_v`]), pid: got?.[`${p.name}_p`] }).toEqual({
            size,
            pick: p.name,
            v: at.v,
            pid: at.pid,
          });
        }
      }
    },
  );

  it.skipIf(!available)('a bucket is the MD5 of salt:profile, the same on every engine', async () => {
    const ws = `seg${n++}`;
    await makeWorkspace(s.tailor, ws);
    const ctx = systemCtx(s.tailor, ws);
    s.tailor.segments.setClock(() => Date.parse(day(2)));
    await s.tailor.ingestor.ingest(
      ws,
      Array.from({ length: 200 }, (_, i) => track(`b${i}`, 'Seen', day(1))),
    );
    await s.tailor.applier.idle();
    const p = await previewSegment({
      ctx,
      input: {
        definition: { version: 1, root: { type: 'bucket', salt: 'exp1', from: 0, to: 29 } },
        sample: 100,
      },
    });
    const expected: string[] = [];
    for (let i = 0; i < 200; i++) {
      const pid = String((await findProfile(ctx, `b${i}`)).row.profile_id);
      const h = Number.parseInt(createHash('md5').update(`exp1:${pid}`).digest('hex').slice(0, 8), 16) % 100;
      if (h <= 29) expected.push(pid);
    }
    expect(p.size).toBe(expected.length);
    expect(p.size).toBeGreaterThan(30);
    expect(p.size).toBeLessThan(90);
    expect(p.sample).toEqual(expected.sort().slice(0, p.sample.length));
  });

  /** A fresh workspace with one segment: did Ping in the last day. */
  async function pingedLastDay() {
    const ws = `seg${n++}`;
    await makeWorkspace(s.tailor, ws);
    const ctx = systemCtx(s.tailor, ws);
    const seg = await saveSegment({
      ctx,
      input: {
        name: 'recent',
        definition: { version: 1, root: { type: 'event', event: 'Ping', window: last(1) } },
      },
    });
    return { ws, ctx, seg };
  }

  it.skipIf(!available)(
    'live runs keep sizes by entries and exits, equal to counting the lists',
    async () => {
      const { ws, seg } = await pingedLastDay();
      let now = Date.parse(day(1));
      s.tailor.segments.setClock(() => now);
      const recorded = async () => {
        const rows = await s.tailor.state.query<{ segment_id: string; size: string }>(
          `SELECT DISTINCT ON (segment_id) segment_id, size FROM segment_sizes
         WHERE workspace_id = $1 ORDER BY segment_id, at DESC`,
          [ws],
        );
        return Object.fromEntries(rows.map((r) => [r.segment_id, Number(r.size)]));
      };
      const counted = async () => Object.fromEntries(await s.tailor.segments.sizes(ws));
      await s.tailor.ingestor.ingest(ws, [track('k1', 'Ping', day(1)), track('k2', 'Ping', day(1))]);
      await s.tailor.applier.idle();
      await s.tailor.segments.runDirty();
      expect((await recorded())[seg.id]).toBe(2);
      now += 3_600_000;
      await s.tailor.ingestor.ingest(ws, [track('k3', 'Ping', new Date(now).toISOString())]);
      await s.tailor.applier.idle();
      await s.tailor.segments.runDirty();
      expect((await recorded())[seg.id]).toBe(3);
      // Two days on, k1 and k2 leave at the full run and k4 enters live.
      now += 2 * 86_400_000;
      await s.tailor.segments.run(ws);
      await s.tailor.ingestor.ingest(ws, [track('k4', 'Ping', new Date(now).toISOString())]);
      await s.tailor.applier.idle();
      await s.tailor.segments.runDirty();
      const sizes = await recorded();
      expect(sizes[seg.id]).toBe(1);
      const lists = await counted();
      for (const [id, size] of Object.entries(sizes))
        expect({ [id]: size }).toEqual({ [id]: lists[id] ?? 0 });
    },
  );

  it.skipIf(!available)('emits entries and exits and keeps them as history', async () => {
    const { ws, ctx, seg } = await pingedLastDay();
    let now = Date.parse(day(1));
    s.tailor.segments.setClock(() => now);
    const seen: Transition[] = [];
    const on = (t: Transition[]) =>
      seen.push(...t.filter((x) => x.workspaceId === ws && x.segmentId === seg.id));
    s.tailor.segments.on('transitions', on);
    await s.tailor.ingestor.ingest(ws, [track('h1', 'Ping', day(1))]);
    await s.tailor.applier.idle();
    await s.tailor.segments.runDirty();
    now = Date.parse(day(3));
    const full = await s.tailor.segments.run(ws);
    s.tailor.segments.off('transitions', on);
    // The embedded store times the steps of applying a run.
    if (s.tailor.events.kind === 'duckdb')
      expect(Object.keys(full.steps ?? {})).toEqual(expect.arrayContaining(['diff', 'history', 'lists']));
    expect(seen.map((t) => [t.segmentId, t.entered])).toEqual([
      [seg.id, true],
      [seg.id, false],
    ]);
    const p = await profileSegments({ ctx, input: { id: 'h1' } });
    expect(p.segments.filter((id) => !id.includes(':'))).toEqual([]);
    expect(p.history.filter((h) => h.segmentId === seg.id)).toEqual([
      { segmentId: seg.id, at: new Date(Date.parse(day(1))).toISOString(), change: 'entered' },
      { segmentId: seg.id, at: new Date(Date.parse(day(3))).toISOString(), change: 'exited' },
    ]);
  });
});

const refCount = (n: Node): number => JSON.stringify(n).split('"segmentId"').length - 1;

async function membersAsUsers(ctx: ReturnType<typeof systemCtx>, segmentId: string): Promise<string[]> {
  const { members } = await listSegmentMembers({ ctx, input: { id: segmentId, limit: 1000 } });
  const users: string[] = [];
  for (const pid of members) {
    const { identities } = await findProfile(ctx, pid);
    users.push(identities.find((i) => i.type === 'user')?.value ?? pid);
  }
  return users.sort();
}
