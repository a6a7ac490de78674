import { join, raw, render, SqlFragment, sql } from '../../stores/events/sql.js';

/**
 * How the one pass's aggregate columns are split into GROUP BYs (docs/segments.md,
 * Evaluation): what each column can see (its scope), the clusters and groups built from that,
 * and the event tests a group needs not make. The compiler (compiler.ts) registers the columns.
 */

/** Track events of these names, from `from` (epoch ms) on when given. */
export type TrackScope = { type: 'track'; events: readonly string[]; from?: number };
/**
 * The events an aggregate column can see at all (its own condition implies it): track events,
 * identify events, or events of any kind from `from` on. A column without one (undefined) can
 * see any event.
 */
export type Scope = TrackScope | { type: 'identify' } | { type: 'any'; from: number };

/**
 * Aggregations of at most this many columns share one. Each aggregation is joined to the
 * others, which costs about as much whatever its size: at 10 M events the benchmark's 50 took
 * 7.6 s in 13 aggregations and 5.9 s with those of ≤ 4 (or ≤ 6) columns merged into one (6).
 */
const SMALL_GROUP = 4;
/** Columns of one key are aggregated together; `from` only narrows the rows. */
export const scopeKey = (s: Scope) =>
  s.type === 'track' ? `track:${JSON.stringify([...s.events].sort())}` : s.type;
/** The earlier start; none when either has none. */
export const earlier = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined ? undefined : Math.min(a, b);

export interface AggregateColumn {
  name: string;
  expr: SqlFragment;
  /** A count, which is 0 rather than NULL over no rows. */
  zero: boolean;
  scope: Scope | undefined;
}

/** Aggregate columns computed by one GROUP BY over the events where `scope` holds (all events: undefined). */
export interface AggregateGroup {
  scope: SqlFragment | undefined;
  columns: AggregateColumn[];
  /** The events `scope` lets through; undefined for all events. */
  sees?: Sees;
}

/** `expr AS name`, a column of the aggregation's SELECT. */
export const selectItem = (col: AggregateColumn) => sql`${col.expr} AS ${raw(col.name)}`;

/**
 * The tests of an event's type and name inside the conditions, by the scope each one tests: an
 * aggregation whose events all pass a test needs not evaluate it on every row (30 % of a group
 * of four columns over product views, measured at 100 M events).
 */
const eventTests = new WeakMap<SqlFragment, TrackScope | { type: 'identify' }>();

/** `type = 'identify'`, or `type = 'track' AND event IN <names>` (`event = <name>` for `one`). */
export function eventTest(scope: TrackScope | { type: 'identify' }, one?: string): SqlFragment {
  const f =
    scope.type === 'identify'
      ? raw(`type = 'identify'`)
      : one !== undefined
        ? sql`type = 'track' AND event = ${one}`
        : sql`type = 'track' AND event IN ${scope.events}`;
  eventTests.set(f, scope);
  return f;
}

/** What an aggregation's events are known to be: track events of these names, or identify events. */
export interface Sees {
  events: ReadonlySet<string>;
  identify: boolean;
}

/** `f` with the event tests that every event of `sees` passes replaced by a constant true. */
export function withoutTestsOf(f: SqlFragment, sees: Sees | undefined): SqlFragment {
  if (!sees || (sees.identify && sees.events.size > 0)) return f;
  const passes = (t: TrackScope | { type: 'identify' }) =>
    t.type === 'identify'
      ? sees.identify
      : !sees.identify && [...sees.events].every((e) => t.events.includes(e));
  const walk = (x: SqlFragment): SqlFragment => {
    const t = eventTests.get(x);
    if (t) return passes(t) ? raw('1 = 1') : x;
    let changed = false;
    const values = x.values.map((v) => {
      if (!(v instanceof SqlFragment)) return v;
      const w = walk(v);
      if (w !== v) changed = true;
      return w;
    });
    return changed ? new SqlFragment(x.parts, values) : x;
  };
  return walk(f);
}

/**
 * The aggregate columns in GROUP BYs, each over only the events its columns can see:
 *
 * - columns that see the same events (one event name, the order events, identify events…)
 *   or read the same JSON value are one cluster, aggregated over the events any of its
 *   columns sees (so a value is read once per row); columns with a window and columns
 *   without are apart unless they read the same value, so that the windowed ones read only
 *   the events since the earliest window start;
 * - a cluster is split into groups of at most `max` columns, columns that read the same value
 *   in the same group (a group larger than `max` stays whole);
 * - clusters of a few columns share one group, over the union of their events (windowed
 *   clusters with windowed ones, the others with the others);
 * - the first group is over all events (the columns that see any event, if any): it has a
 *   row for every profile, the others only for the profiles with events in their scope.
 *
 * A row then costs only the aggregates of its own event, not every aggregate's condition:
 * an order is not tested by the forty columns about product views.
 */
export function groupColumns(cols: readonly AggregateColumn[], max: number): AggregateGroup[] {
  const readsOf = cols.map((col) => render(col.expr, (v) => JSON.stringify(v)).text.match(/\bj\d+\b/g) ?? []);
  const byRead = unionFind(cols.length);
  const byScope = unionFind(cols.length);
  const first = new Map<string, number>();
  const firstOf = (key: string, i: number) => {
    const j = first.get(key);
    if (j === undefined) first.set(key, i);
    return j ?? i;
  };
  readsOf.forEach((reads, i) => {
    // Readers of one JSON value together, whatever their windows: one parse of the value is
    // worth more than the window (the order amount of the windowed RFM measures and of the
    // all-time spend, at 100 M events: 8.3 s together, 4.8 s + 5.4 s apart).
    for (const r of reads) {
      const j = firstOf(`read:${r}`, i);
      byRead.union(i, j);
      byScope.union(i, j);
    }
    // Otherwise windowed columns apart from the others of their events: they then read only
    // their windows' events, the others (first and last times, all-time counts) all of them.
    const sc = cols[i]!.scope;
    const windowed = (sc?.type === 'track' && sc.from !== undefined) || sc?.type === 'any';
    byScope.union(i, firstOf(`scope:${sc ? scopeKey(sc) : '*'}:${windowed}`, i));
  });
  const clusters = groupBy(cols.keys(), (i) => byScope.root(i));
  const drafts: Draft[] = [];
  let base: Draft | undefined;
  for (const members of clusters) {
    const events = new Set<string>();
    let from: number | undefined = Number.POSITIVE_INFINITY;
    let identify = false;
    let all = false;
    let since: number | undefined;
    for (const i of members) {
      const sc = cols[i]!.scope;
      if (!sc) all = true;
      else if (sc.type === 'identify') identify = true;
      else if (sc.type === 'any') since = Math.min(since ?? sc.from, sc.from);
      else {
        for (const e of sc.events) events.add(e);
        from = earlier(from, sc.from);
      }
    }
    // Events of any kind since a time, alone: a group of their own over that window (at 100 M
    // events, the 30 days' active days took 2.4–3.4 s inside the group over all events, and
    // 1.5 s as their own group beside a bare one). With other columns, they see every event.
    if (since !== undefined && (identify || events.size > 0)) all = true;
    // Readers of one value together, largest first, each into the first group with room.
    const packed: AggregateColumn[][] = [];
    const readClusters = groupBy(members, (i) => byRead.root(i)).sort((a, b) => b.length - a.length);
    for (const rc of readClusters) {
      const g = packed.find((x) => x.length + rc.length <= max);
      const columns = rc.map((i) => cols[i]!);
      if (g) g.push(...columns);
      else packed.push(columns);
    }
    for (const columns of packed) {
      const d: Draft = {
        columns,
        events,
        from: events.size > 0 ? from : undefined,
        identify,
        all,
        ...(!all && since !== undefined && { since }),
      };
      if (all && !base) base = d;
      else drafts.push(d);
    }
  }
  const groups = mergeSmall(drafts, max);
  return [base ? { scope: undefined, columns: base.columns } : { scope: undefined, columns: [] }, ...groups];
}

function unionFind(n: number) {
  const parent = Array.from({ length: n }, (_, i) => i);
  const root = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r]!;
    return r;
  };
  const union = (a: number, b: number) => {
    parent[root(a)] = root(b);
  };
  return { root, union };
}

/** Items by key, in the order of each key's first item. */
export function groupBy<T>(items: Iterable<T>, key: (item: T) => unknown): T[][] {
  const out = new Map<unknown, T[]>();
  for (const item of items) {
    const k = key(item);
    const g = out.get(k);
    if (g) g.push(item);
    else out.set(k, [item]);
  }
  return [...out.values()];
}

/**
 * A group's events: track events of these names from `from` on (when every column has a
 * window), identify events, or all events (`all`).
 */
interface Draft {
  columns: AggregateColumn[];
  events: Set<string>;
  from?: number;
  identify: boolean;
  all: boolean;
  /** Events of any kind from this time on. */
  since?: number;
}

/**
 * Groups of at most `SMALL_GROUP` columns merged into groups of at most `max`. Each aggregation
 * is joined to the others, which costs about as much at any size. Windowed groups merge only
 * with windowed ones: the others' events would make them read all of their events. The union's
 * names and earliest start come first in the merged condition, as a filter the scan applies
 * (an `OR` of conditions alone is not one, and the scan would produce every event's columns).
 */
function mergeSmall(drafts: Draft[], max: number): AggregateGroup[] {
  const windowed = (d: Draft) => !d.all && !d.identify && d.from !== undefined;
  const small = drafts.filter((d) => d.columns.length <= SMALL_GROUP && !d.all && d.since === undefined);
  const merged: { parts: Draft[]; columns: number }[] = [];
  for (const d of small) {
    const m = merged.find(
      (x) => windowed(x.parts[0]!) === windowed(d) && x.columns + d.columns.length <= max,
    );
    if (m) {
      m.parts.push(d);
      m.columns += d.columns.length;
    } else merged.push({ parts: [d], columns: d.columns.length });
  }
  return [
    ...drafts
      .filter((d) => !small.includes(d))
      .map((d) => ({ scope: scopeOf(d), columns: d.columns, sees: seesOf(d) })),
    ...merged.map(({ parts }) => {
      const columns = parts.flatMap((d) => d.columns);
      if (parts.length === 1) return { scope: scopeOf(parts[0]!), columns, sees: seesOf(parts[0]!) };
      const union: Draft = {
        columns,
        events: new Set(parts.flatMap((d) => [...d.events])),
        from: parts.reduce<number | undefined>((f, d) => earlier(f, d.from), Number.POSITIVE_INFINITY),
        identify: parts.some((d) => d.identify),
        all: false,
      };
      // Parts that differ only in their event names together see exactly the union's events:
      // the `OR` would test each event again for nothing (at 100 M events, 1.0–1.4 s of a group
      // over product views, checkouts and refunds).
      if (!union.identify && parts.every((d) => d.from === union.from))
        return { scope: scopeOf(union), columns, sees: seesOf(union) };
      const each = join(
        parts.map((d) => sql`(${scopeOf(d)!})`),
        raw(' OR '),
      );
      return {
        scope: union.identify ? each : sql`${scopeOf(union)!} AND (${each})`,
        columns,
        sees: seesOf(union),
      };
    }),
  ];
}

const seesOf = (d: Draft): Sees | undefined =>
  d.all || d.since !== undefined ? undefined : { events: d.events, identify: d.identify };

/** The condition for a group's events; undefined for all events. */
function scopeOf(d: Draft): SqlFragment | undefined {
  if (d.all) return undefined;
  if (d.since !== undefined) return sql`ts >= ${d.since}`;
  const since = d.from === undefined ? sql`` : sql` AND ts >= ${d.from}`;
  const conds = [
    ...(d.events.size > 0 ? [sql`type = 'track' AND event IN ${[...d.events].sort()}${since}`] : []),
    ...(d.identify ? [raw(`type = 'identify'`)] : []),
  ];
  return conds.length === 1 ? conds[0] : sql`(${conds[0]!}) OR (${conds[1]!})`;
}
