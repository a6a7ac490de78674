import type { SqlFragment } from '../../stores/events/sql.js';

/** `freq`: how often each value occurs, as the dialect's `moreFrequent` reads it. */
export type AggFn = 'count' | 'sum' | 'avg' | 'min' | 'max' | 'uniq' | 'list' | 'freq';

/**
 * A per-profile value ranked over the rows where `cond` holds, by value then pid. Output
 * columns: `count` (how many rows), `avg` (their average value), and for each pick the (value,
 * pid) pair at rank max(1, ⌈n·k/parts⌉) as `<name>_v`, `<name>_p` (undefined when no row meets
 * `cond`: readers check the count).
 */
export interface RankedMeasure {
  value: SqlFragment;
  cond: SqlFragment;
  count?: string;
  avg?: string;
  picks: readonly { name: string; k: number; parts: number }[];
}

/**
 * What differs between the event stores' SQL. The compiler (compiler.ts) writes everything
 * else once; each engine overrides only these hooks, as Kysely's dialects do.
 *
 * Fragments passed in are trusted SQL built by the compiler; `key` and other plain strings are
 * values and are bound (DuckDB) or escaped (ClickHouse) by the store's renderer.
 */
export interface Dialect {
  readonly name: 'duckdb' | 'clickhouse';
  /** An aggregate over the rows where `cond` holds (`x` is ignored for count). */
  aggIf(fn: AggFn, x: SqlFragment | null, cond: SqlFragment): SqlFragment;
  /** The value of `x` on the row with the greatest `by` among those where `cond` holds and `x` is not NULL. */
  argMaxIf(x: SqlFragment, by: SqlFragment, cond: SqlFragment): SqlFragment;
  /** A top-level key of a JSON object held as text: present and not null. */
  jsonHas(col: SqlFragment, key: string): SqlFragment;
  /** The key's value as text: a string unquoted, a number or boolean as written. */
  jsonText(col: SqlFragment, key: string): SqlFragment;
  /**
   * The texts of several keys (as `jsonText` reads them), from one parse: a list, 1-based.
   * Where undefined, each key is read on its own.
   */
  jsonTextList?(col: SqlFragment, keys: readonly string[]): SqlFragment;
  /**
   * Whether `jsonText` is NULL exactly when `jsonHas` is false. Comparisons of the text then
   * need no separate presence test, which on DuckDB would parse the JSON a second time.
   */
  readonly jsonTextNullWhenAbsent: boolean;
  /**
   * Whether the compiler reads each JSON value an aggregate needs once per row, as a column
   * of its own under the union of its uses' conditions, rather than inline in every aggregate
   * that uses it. DuckDB parses the JSON text afresh at each read; ClickHouse's simple
   * `visitParam` scanners are cheap enough inline.
   */
  readonly sharesReads: boolean;
  /**
   * Where defined, full runs and previews aggregate in several `GROUP BY`s, each over only the
   * events its columns can see and of at most this many columns (`Compiler.aggregateGroups`),
   * joined on the profile. Undefined: one aggregation over all events.
   */
  readonly aggregatesPerGroupBy?: number;
  /**
   * The per-profile rows of several aggregations joined on the profile, computed once before
   * the definitions read them (the split aggregations only exist where this is defined).
   */
  materialize?(rows: SqlFragment): SqlFragment;
  /** Text to a double, NULL when it is not a number. */
  toNumber(text: SqlFragment): SqlFragment;
  /** Text holding an ISO date or date-time to epoch milliseconds, NULL when unreadable. */
  dateMs(text: SqlFragment): SqlFragment;
  /** 'MM-DD' of a date held as text, NULL when unreadable. */
  monthDay(text: SqlFragment): SqlFragment;
  containsCi(text: SqlFragment, part: string): SqlFragment;
  startsWith(text: SqlFragment, prefix: string): SqlFragment;
  endsWith(text: SqlFragment, suffix: string): SqlFragment;
  /**
   * True when some element of `list` satisfies `pred(element, captured)`. Values from outside
   * the list must come through `captures` (ClickHouse 18.16 lambdas cannot see columns).
   */
  listAny(
    list: SqlFragment,
    pred: (v: SqlFragment, captured: SqlFragment[]) => SqlFragment,
    captures?: SqlFragment[],
  ): SqlFragment;
  /** True when some pair (x of `a`, y of `b`) satisfies `pred(x, y)`. */
  listAnyPair(
    a: SqlFragment,
    b: SqlFragment,
    pred: (x: SqlFragment, y: SqlFragment) => SqlFragment,
  ): SqlFragment;
  /** A NULL (unknown) condition counts as false. */
  truthy(cond: SqlFragment): SqlFragment;
  /** 0–99, the same for a profile id and salt on every engine (first 32 bits of MD5, mod 100). */
  bucket(profileId: SqlFragment, salt: string): SqlFragment;
  /** Integer division rounding down. */
  floorDiv(a: SqlFragment, b: number): SqlFragment;
  /**
   * The workspace's events with `pid`, the surviving profile after merges, and the columns
   * the compiler reads: `type, event, ts, props, traits, user_id, anonymous_id`. `restrict`,
   * when given, limits it to the events of those surviving profiles; `sources`, when given,
   * are all the profile ids those events can carry (the survivors and the profiles merged
   * into them), which lets an engine skip other events while scanning. `columns`: the store's
   * key columns (`EventStore.materializedKeys`), passed through under their own names.
   */
  attributedEvents(
    workspaceId: string,
    now: number,
    restrict?: readonly string[],
    sources?: readonly string[],
    columns?: readonly string[],
  ): SqlFragment;
  /** The ids whose flags hold, in the given order: `[id for (id, flag) in pairs if flag]`. */
  idList(pairs: readonly [string, SqlFragment][]): SqlFragment;
  /** Up to `n` values of `x` where `cond` holds (smallest first where the engine can). */
  sampleIf(x: SqlFragment, cond: SqlFragment, n: number): SqlFragment;
  /** The stored membership lists: columns `pid`, `segs`. */
  storedMembership(workspaceId: string, restrict?: readonly string[]): SqlFragment;
  /** True when the list holds the value. */
  listHas(list: SqlFragment, value: string): SqlFragment;
  /** Member counts per segment from the stored lists: `segment_id, n`. */
  memberCounts(workspaceId: string): SqlFragment;
  /** One row over the per-profile `rows`: each measure's count, average and ranked pairs (`RankedMeasure`). */
  rankedPairs(rows: SqlFragment, measures: readonly RankedMeasure[]): SqlFragment;
  /** Of a `freq` aggregate, how many distinct values occur more than `count` times. */
  moreFrequent(list: SqlFragment, count: SqlFragment): SqlFragment;
  /** The surviving profile ids on a manual list (its entries of this version), as a subquery. */
  listMembers(workspaceId: string, listId: string, version: number): SqlFragment;
  /** Rows of `cur` and `old` (both `pid`, `segs`) whose lists differ: `pid, before, after`. */
  membershipDiff(cur: SqlFragment, old: SqlFragment): SqlFragment;
}

let lambdas = 0;
/** A fresh lambda parameter name (`v0`, `v1`, …) for the dialects' list functions. */
export const lambdaVar = () => `v${lambdas++ % 1_000_000}`;
