import { describe, expect, it } from 'vitest';
import { DEFAULT_PROFILE_SETTINGS } from '../../profiles/settings.js';
import { raw, render } from '../../stores/events/sql.js';
import type { Node } from '../dsl.js';
import { MODEL_SEGMENTS } from '../engine/segment-engine.js';
import { DEFAULT_MODEL_SETTINGS } from '../models/model-settings.js';
import { selectItem, withoutTestsOf } from './aggregate-groups.js';
import { clickhouseDialect } from './clickhouse-dialect.js';
import { type CompileContext, Compiler } from './compiler.js';
import { duckdbDialect } from './duckdb-dialect.js';
import { stagedFullRun } from './staged-run.js';

const ctx: CompileContext = {
  workspaceId: 'w',
  now: Date.UTC(2026, 10, 1),
  settings: DEFAULT_PROFILE_SETTINGS,
  monthDay: '11-01',
  definitionOf: () => undefined,
  listVersion: () => undefined,
  models: {
    settings: DEFAULT_MODEL_SETTINGS,
    params: {
      computedAt: 0,
      rfm: {
        customers: 10,
        cuts: { r: [], f: [], m: [] },
        averages: { lastOrderAt: 0, recencyDays: 0, frequency: 1, monetary: 1 },
      },
      spending: { spenders: 10, high: { v: 100, pid: 'p' }, medium: { v: 10, pid: 'p' } },
    },
  },
};

describe('Compiler: shared aggregate columns', () => {
  // Each use of an order's amount (total spend, the spending tiers, RFM's monetary) once had
  // a lambda of a fresh name, so equal aggregates never matched: one JSON parse per use.
  for (const dialect of [duckdbDialect, clickhouseDialect])
    it(`computes each distinct aggregate once (${dialect.name})`, () => {
      const c = new Compiler(dialect, ctx);
      for (const s of MODEL_SEGMENTS) c.definition(s.definition);
      for (let i = 0; i < 3; i++)
        c.definition({ version: 1, root: { type: 'computed', trait: 'total_spend', op: 'gte', value: 100 } });
      const texts = c.aggregateColumns().map((col) => render(col, (v) => JSON.stringify(v)).text);
      const bodies = texts.map((t) => t.replace(/ AS a\d+$/, ''));
      expect(new Set(bodies).size).toBe(bodies.length);
      const allTimeSpend = bodies.filter(
        (t) => /^sum(If)?\(/.test(t) && /revenue|\bj\d+\b/.test(t) && !t.includes('ts >='),
      );
      expect(allTimeSpend).toHaveLength(1);
    });
});

describe('Compiler: values computed once per profile', () => {
  // Eleven RF grid groups compared the R and F scores, each a sum of four CASEs, and seven
  // lifecycle groups repeated the rules before their own (docs/benchmarks.md).
  for (const dialect of [duckdbDialect, clickhouseDialect])
    it(`computes each RFM score and each model's group once, whatever compares them (${dialect.name})`, () => {
      const params = ctx.models.params!;
      const cuts = [1, 2, 3, 4].map((v) => ({ v, pid: 'p' }));
      const c = new Compiler(dialect, {
        ...ctx,
        models: {
          ...ctx.models,
          params: { ...params, rfm: { ...params.rfm, cuts: { r: cuts, f: cuts, m: cuts } } },
        },
      });
      const text = (f: Parameters<typeof render>[0]) => render(f, (v) => JSON.stringify(v)).text;
      const m = { type: 'rfm_score', score: 'm', from: 4, to: 5 } as const;
      const flags = [...MODEL_SEGMENTS.map((s) => s.definition.root), m, m].map((root) =>
        text(c.definition({ version: 1, root })),
      );
      for (const f of flags) expect(f).not.toMatch(/CASE|\bpid\b/);
      // R, F and M scores; the lifecycle stage, the activity level and the spending tier.
      expect(text(c.withValues(raw('t'))).match(/ AS d\d+/g)).toHaveLength(6);
    });
});

describe('Compiler: JSON values read once per row', () => {
  const text = (f: Parameters<typeof render>[0]) => render(f, (v) => JSON.stringify(v)).text;
  const viewed = (category: string, days?: number): Node => ({
    type: 'event',
    event: 'Product Viewed',
    where: [{ property: 'category', op: 'eq', value: category }],
    ...(days === undefined ? {} : { window: { last: { amount: days, unit: 'days' as const } } }),
  });

  it('reads a property used by several conditions once, under the union of their rows (duckdb)', () => {
    const c = new Compiler(duckdbDialect, ctx);
    c.definition({ version: 1, root: { type: 'or', children: [viewed('shoes', 30), viewed('bags', 7)] } });
    c.definition({ version: 1, root: viewed('toys') });
    const rows = text(c.rows(raw('events')));
    expect(rows.match(/json_extract_string\(props, "\$\.\\"category\\""\)/g)).toHaveLength(1);
    // The all-time use covers the windowed ones, but each use's rows are in the union.
    expect(rows.match(/event = "Product Viewed"/g)).toHaveLength(3);
    const aggs = c.aggregateColumns().map(text);
    expect(aggs).toHaveLength(3);
    for (const a of aggs) expect(a).toMatch(/\bj\d+ = "(shoes|bags|toys)"/);
    expect(aggs.join(' ')).not.toContain('json_extract');
  });

  it('reads several keys of one JSON column with one parse (duckdb)', () => {
    const c = new Compiler(duckdbDialect, ctx);
    c.definition({
      version: 1,
      root: {
        type: 'and',
        children: [
          { type: 'trait', trait: 'city', op: 'eq', value: '上海' },
          { type: 'trait', trait: 'gender', op: 'eq', value: 'female' },
          { type: 'computed', trait: 'total_spend', op: 'gte', value: 100 },
        ],
      },
    });
    const rows = text(c.rows(raw('events')));
    // One list of the two traits, one of the three revenue properties; no key on its own.
    expect(rows.match(/json_extract_string\(traits, \[[^\]]*\]\)/g)).toHaveLength(1);
    expect(rows.match(/json_extract_string\(props, \[[^\]]*\]\)/g)).toHaveLength(1);
    expect(rows).not.toMatch(/json_extract_string\((props|traits), "/);
    expect(rows).toMatch(/_all\[1\] AS j\d+/);
    expect(rows).toMatch(/_all\[3\] AS j\d+/);
  });

  it('computes no read that no aggregate uses (duckdb)', () => {
    // The order amount is registered when the compiler is made; a count needs no JSON.
    const c = new Compiler(duckdbDialect, ctx);
    c.definition({ version: 1, root: { type: 'event', event: 'Sign Up' } });
    expect(text(c.rows(raw('events')))).toBe('events');
  });

  it('keeps reads inline where the dialect does not share them (clickhouse)', () => {
    const c = new Compiler(clickhouseDialect, ctx);
    c.definition({ version: 1, root: { type: 'or', children: [viewed('shoes', 30), viewed('bags', 7)] } });
    expect(text(c.rows(raw('events')))).toBe('events');
    for (const a of c.aggregateColumns().map(text)) expect(a).toContain('category');
  });
});

describe('Compiler: aggregate groups', () => {
  it('splits the columns into groups of at most max, keeping the readers of one value together', () => {
    const c = new Compiler(duckdbDialect, ctx);
    for (const s of MODEL_SEGMENTS) c.definition(s.definition);
    c.definition({ version: 1, root: { type: 'event', event: 'Order Completed' } });
    c.definition({ version: 1, root: { type: 'event', event: 'Sign Up' } });
    c.definition({ version: 1, root: { type: 'event', event: 'Coupon Applied' } });
    for (const category of ['shoes', 'bags', 'toys', 'books'])
      c.definition({
        version: 1,
        root: {
          type: 'event',
          event: 'Product Viewed',
          where: [{ property: 'category', op: 'eq', value: category }],
        },
      });
    const text = (f: Parameters<typeof render>[0]) => render(f, (v) => JSON.stringify(v)).text;
    const all = c.aggregateColumns().map(text);
    const scoped = c.aggregateGroups(8);
    const groups = scoped.map((g) => g.columns.map(selectItem).map(text));
    expect(groups.length).toBeGreaterThan(1);
    expect(groups.flat().sort()).toEqual([...all].sort());
    const readers = new Map<string, Set<number>>();
    groups.forEach((g, i) => {
      for (const col of g)
        for (const r of col.match(/\bj\d+\b/g) ?? []) readers.set(r, (readers.get(r) ?? new Set()).add(i));
    });
    expect(readers.size).toBeGreaterThan(0);
    for (const groupsOfRead of readers.values()) expect(groupsOfRead.size).toBe(1);
    for (const g of groups) {
      const reads = new Set(g.flatMap((col) => col.match(/\bj\d+\b/g) ?? []));
      // Over max only when one value's readers alone are more than max.
      if (g.length > 8) expect(reads.size).toBe(1);
    }
    // The first group sees every event (it has a row for each profile); the others see only
    // their columns' events, and each column's scope is part of its group's.
    expect(scoped[0]!.scope).toBeUndefined();
    expect(scoped[0]!.columns.every((col) => col.scope === undefined)).toBe(true);
    for (const g of scoped.slice(1)) {
      expect(g.scope).toBeDefined();
      const scope = text(g.scope!);
      for (const col of g.columns) {
        const sc = col.scope!;
        if (sc.type === 'identify') expect(scope).toContain(`type = 'identify'`);
        else if (sc.type === 'any') expect(scope).toBe(`ts >= ${sc.from}`);
        else for (const e of sc.events) expect(scope).toContain(JSON.stringify(e));
      }
    }
    // The active days of the last 30 (activity) see events of any kind, in their window only.
    const days = scoped.filter((g) => g.columns.some((col) => col.scope?.type === 'any'));
    expect(days).toHaveLength(1);
    expect(text(days[0]!.scope!)).toMatch(/^ts >= \d+$/);
    // The order columns (RFM, lifecycle, spending, an event node on orders) see only orders.
    const orders = scoped.filter((g) =>
      g.columns.some((col) => col.scope?.type === 'track' && col.scope.events.includes('Order Completed')),
    );
    expect(orders.length).toBeGreaterThan(0);
    for (const g of orders) expect(text(g.scope!)).toContain(`event IN ["Order Completed"]`);
    // Windowed columns are apart from the others, and their group reads only its window.
    const only = orders.map((g) => text(g.scope!));
    expect(only.some((t) => /event IN \["Order Completed"\] AND ts >= \d+/.test(t))).toBe(true);
    expect(only).toContain(`type = 'track' AND event IN ["Order Completed"]`);
    // Clusters of a few columns share a group; all-time ones see exactly the union of their
    // events, so the group tests each event once, with no OR of its parts.
    const rare = scoped.filter((g) => g.scope && /Sign Up|Coupon Applied/.test(text(g.scope)));
    expect(rare).toHaveLength(1);
    expect(text(rare[0]!.scope!)).toMatch(
      /^type = 'track' AND event IN \[[^\]]*"Coupon Applied"[^\]]*"Sign Up"[^\]]*\]$/,
    );
  });

  it('keeps each part of a merged group of windowed columns when their windows differ', () => {
    const c = new Compiler(duckdbDialect, ctx);
    const recent = (event: string, days: number) =>
      c.definition({
        version: 1,
        root: { type: 'event', event, window: { last: { amount: days, unit: 'days' } } },
      });
    recent('Sign Up', 7);
    recent('Coupon Applied', 30);
    recent('Refund Requested', 30);
    const text = (f: Parameters<typeof render>[0]) => render(f, (v) => JSON.stringify(v)).text;
    const [merged, ...others] = c.aggregateGroups(8).filter((g) => g.scope);
    expect(others).toEqual([]);
    const scope = text(merged!.scope!);
    // The union (every name, the earliest start) filters the scan; each part keeps its own start.
    expect(scope).toMatch(
      /^type = 'track' AND event IN \["Coupon Applied","Refund Requested","Sign Up"\] AND ts >= \d+ AND \(/,
    );
    expect(scope.split(' OR ')).toHaveLength(3);
  });
});

describe('Compiler: event tests an aggregation needs not make', () => {
  it('drops the tests every event of the group passes, and keeps the others', () => {
    const c = new Compiler(duckdbDialect, ctx);
    for (const s of MODEL_SEGMENTS) c.definition(s.definition);
    c.definition({ version: 1, root: { type: 'interest', category: 'shoes' } });
    c.definition({
      version: 1,
      root: {
        type: 'event',
        event: 'Product Viewed',
        where: [{ property: 'category', op: 'eq', value: 'bags' }],
        window: { last: { amount: 30, unit: 'days' } },
      },
    });
    const text = (f: Parameters<typeof render>[0]) => render(f, (v) => JSON.stringify(v)).text;
    const groups = c.aggregateGroups(24);
    let dropped = 0;
    let kept = 0;
    for (const g of groups.slice(1)) {
      for (const col of g.columns) {
        const after = text(withoutTestsOf(col.expr, g.sees));
        const sc = col.scope!;
        // Events of any kind (the active days): no event test to drop.
        if (sc.type === 'any') {
          expect(g.sees).toBeUndefined();
          continue;
        }
        const passes =
          sc.type === 'identify'
            ? g.sees!.identify && g.sees!.events.size === 0
            : !g.sees!.identify && [...g.sees!.events].every((e) => sc.events.includes(e));
        expect(after.includes(`type = '`)).toBe(!passes);
        if (passes) dropped++;
        else kept++;
      }
      const rows = text(
        c.rows(
          raw('events'),
          g.columns.map((col) => selectItem(col)),
          g.sees,
        ),
      );
      if (g.sees?.identify) expect(rows).not.toContain(`type = 'identify'`);
    }
    // The orders' and traits' tests go; the product view with a category shares the interest's
    // group (one read of the category), whose events are not all product views: its test stays.
    expect(dropped).toBeGreaterThan(5);
    expect(kept).toBeGreaterThan(0);
    // The group over all events keeps everything.
    expect(withoutTestsOf(groups[1]!.columns[0]!.expr, undefined)).toBe(groups[1]!.columns[0]!.expr);
  });
});

describe('stagedFullRun', () => {
  // The cut points come from the staged rows; the memberships, compiled again with them, must
  // read the same rows and not scan the events a second time.
  for (const dialect of [duckdbDialect, clickhouseDialect])
    it(`reads the memberships from the staged rows, whatever the cut points were before (${dialect.name})`, async () => {
      const segments = [
        ...MODEL_SEGMENTS,
        {
          id: 's1',
          definition: {
            version: 1 as const,
            root: { type: 'rfm_score' as const, score: 'm' as const, from: 4, to: 5 },
          },
        },
      ];
      let read = '';
      const run = stagedFullRun(
        dialect,
        (params) => ({ ...ctx, models: { ...ctx.models, params } }),
        undefined,
        segments,
        async () => ctx.models.params!,
      );
      expect(render(run.stage, (v) => JSON.stringify(v)).text).toContain('events');
      const diff = await run.diff(raw('run_stage'), async (q) => {
        read = render(q, (v) => JSON.stringify(v)).text;
        return [];
      });
      expect(read).toContain('FROM run_stage');
      const text = render(diff, (v) => JSON.stringify(v)).text;
      expect(text).toContain('FROM run_stage');
      expect(text).not.toMatch(/\bevents\b/);
    });
});
