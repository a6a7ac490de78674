import { localDay, localDayStart } from '../../core/time-zone.js';
import type { ProfileSettings } from '../../profiles/settings.js';
import { type JsonKey, jsonKeyId, type MaterializedKey } from '../../stores/events/event-store.js';
import { join, raw, type SqlFragment, sql } from '../../stores/events/sql.js';
import {
  type ComputedTrait,
  type Definition,
  durationMs,
  type Node,
  type PropertyFilter,
  type Window,
} from '../dsl.js';
import {
  type AggregateColumn,
  type AggregateGroup,
  eventTest,
  groupColumns,
  type Scope,
  type Sees,
  selectItem,
  type TrackScope,
} from './aggregate-groups.js';
import { type Accessor, compare } from './compare.js';
import type { AggFn, Dialect } from './dialect.js';
import { localDayExpr } from './local-day.js';
import { type ModelContext, ModelExprs } from './model-exprs.js';
import { ProfileColumns } from './profile-columns.js';
import { type JsonPath, SharedReads } from './shared-reads.js';

const DAY = 86_400_000;
// Portable boolean constants: ClickHouse 18.16 has no TRUE/FALSE literals.
const TRUE = raw('1 = 1');
const FALSE = raw('1 = 0');

export interface CompileContext {
  workspaceId: string;
  /** Evaluation time, epoch ms: windows end here and later events are not seen. */
  now: number;
  settings: ProfileSettings;
  /** Today as 'MM-DD' in the workspace's time zone (`settings.timeZone`), for anniversaries. */
  monthDay: string;
  /** Stored definitions of the workspace's segments, for `segment` references. */
  definitionOf(segmentId: string): Definition | undefined;
  /** The current version of a manual list's entries; undefined when there is no such list. */
  listVersion(listId: string): number | undefined;
  models: ModelContext;
  /**
   * JSON keys the event store keeps as columns of their own, complete for every event
   * (`EventStore.materializedKeys`); the compiler reads those from the column.
   */
  materialized?: readonly MaterializedKey[];
}

/** The event store's column behind a JSON column of the attributed events. */
const jsonKeyOf = (p: JsonPath): JsonKey => ({
  source: p.col === 'props' ? 'properties' : 'traits',
  key: p.key,
});

/**
 * Compiles definitions into expressions over one per-profile aggregation of the events. Each
 * behaviour the definitions mention becomes one aggregate column (`a0`, `a1`, …), shared by
 * every definition that needs the same one; each definition becomes a boolean expression over
 * those columns. `OnePass` (one-pass.ts) puts them into a single query:
 *
 *   SELECT pid, <definition expressions> FROM (
 *     SELECT pid, count(*) FILTER (WHERE type = 'track' AND event = $1 AND ts >= $2) AS a0, …
 *     FROM <the workspace's events, attributed to surviving profiles> GROUP BY pid)
 */
export class Compiler {
  private readonly columns = new ProfileColumns();
  private readonly reads: SharedReads;
  private readonly inlined = new Map<string, SqlFragment>();
  private readonly inlining = new Set<string>();

  readonly models: ModelExprs;

  constructor(
    readonly dialect: Dialect,
    readonly ctx: CompileContext,
  ) {
    const stored = new Map(ctx.materialized?.map((k) => [jsonKeyId(k), k.column]));
    this.reads = new SharedReads(dialect, (p) => stored.get(jsonKeyId(jsonKeyOf(p))));
    this.models = new ModelExprs(
      dialect,
      (fn, x, cond, scope) => this.agg(fn, x, cond, scope),
      ctx.now,
      this.orderScope(),
      this.revenue(),
      ctx.models,
      () => this.activeDays30(),
      (expr) => this.columns.value(expr),
    );
  }

  /** The event's day on the workspace's calendar, exact from `from` on (local-day.ts). */
  localDay(from: number): SqlFragment {
    return localDayExpr(this.dialect, this.ctx.settings.timeZone, from, this.ctx.now);
  }

  /** The aggregate columns registered so far, as `expr AS name` items. */
  aggregateColumns(): SqlFragment[] {
    return this.aggregateColumnList().map(selectItem);
  }

  aggregateColumnList(): AggregateColumn[] {
    return this.columns.aggregates();
  }

  /**
   * The rows the aggregate columns read: the events, plus the shared JSON reads (`j0`, `j1`, …)
   * that some aggregate (of `columns`, by default all) mentions; `sees`: what the events are
   * known to be.
   */
  rows(events: SqlFragment, columns = this.aggregateColumns(), sees?: Sees): SqlFragment {
    return this.reads.rows(events, columns, sees);
  }

  /** The top-level JSON keys the aggregates read (worth a column of their own in the store). */
  jsonKeys(): JsonKey[] {
    return this.reads.paths().map(jsonKeyOf);
  }

  /** The aggregate columns in GROUP BYs, each over only the events its columns can see (`groupColumns`). */
  aggregateGroups(max: number): AggregateGroup[] {
    return groupColumns(this.columns.aggregates(), max);
  }

  /** Per-profile rows with the values the definitions' expressions read (`ProfileColumns.value`). */
  withValues(rows: SqlFragment): SqlFragment {
    return this.columns.withValues(rows);
  }

  /** A boolean expression (over the aggregate columns, `pid` and the values) that holds for members. */
  definition(def: Definition): SqlFragment {
    return this.node(def.root);
  }

  /** `scope`, when given, must hold wherever `cond` does (see `aggregateGroups`). */
  private agg(fn: AggFn, x: SqlFragment | null, cond: SqlFragment, scope?: Scope): SqlFragment {
    return this.columns.aggregate(this.dialect.aggIf(fn, x, cond), fn === 'count' || fn === 'uniq', scope);
  }

  private argMax(x: SqlFragment, cond: SqlFragment, scope: Scope): SqlFragment {
    return this.columns.aggregate(this.dialect.argMaxIf(x, raw('ts'), cond), false, scope);
  }

  private node(n: Node): SqlFragment {
    const d = this.dialect;
    switch (n.type) {
      case 'and':
      case 'or':
        return sql`(${join(
          n.children.map((c) => this.node(c)),
          raw(n.type === 'and' ? ' AND ' : ' OR '),
        )})`;
      case 'not':
        return sql`(NOT ${this.node(n.child)})`;
      case 'trait':
        return this.trait(n);
      case 'computed':
        return compare(this.dialect, this.computed(n.trait), n);
      case 'event': {
        const c = this.agg(
          'count',
          null,
          this.eventCond(n.event, n.where, n.window),
          this.scope(n.event, n.window),
        );
        const count = n.count ?? { op: 'at_least', value: 1 };
        const op = count.op === 'at_least' ? '>=' : count.op === 'at_most' ? '<=' : '=';
        return sql`(${c} ${raw(op)} ${count.value})`;
      }
      case 'no_event':
        return sql`(${this.agg('count', null, this.eventCond(n.event, n.where, n.window), this.scope(n.event, n.window))} = 0)`;
      case 'first_event': {
        const cond = this.eventCond(n.event, n.where, undefined);
        const scope = this.scope(n.event);
        const first = this.agg('min', raw('ts'), cond, scope);
        return d.truthy(
          sql`(${this.agg('count', null, cond, scope)} > 0 AND ${this.inWindow(first, n.window)})`,
        );
      }
      case 'last_event': {
        const cond = this.eventCond(n.event, n.where, undefined);
        const scope = this.scope(n.event);
        const last = this.agg('max', raw('ts'), cond, scope);
        return d.truthy(
          sql`(${this.agg('count', null, cond, scope)} > 0 AND ${last} < ${this.ctx.now - durationMs(n.olderThan)})`,
        );
      }
      case 'aggregate': {
        const events = this.eventCond(n.event, n.where, n.window);
        const text = this.prop(n.property, this.eventCond(n.event, undefined, n.window));
        const value = d.toNumber(text);
        // Aggregates skip NULLs: where an absent or non-numeric value is NULL, the rows need
        // no test of their own (which would read the JSON once more).
        const nullAbsent = d.jsonTextNullWhenAbsent;
        const cond = nullAbsent ? events : sql`${events} AND ${d.jsonHas(raw('props'), n.property)}`;
        const numeric = nullAbsent ? cond : sql`${cond} AND ${value} IS NOT NULL`;
        const scope = this.scope(n.event, n.window);
        const x =
          n.fn === 'count_distinct'
            ? this.agg('uniq', text, cond, scope)
            : n.fn === 'sum'
              ? sql`coalesce(${this.agg('sum', value, numeric, scope)}, 0)`
              : this.agg(n.fn, value, numeric, scope);
        return compare(this.dialect, { has: TRUE, text: x, num: x }, n.compare);
      }
      case 'sequence':
        return this.sequence(n);
      case 'trend':
        return this.trend(n);
      case 'segment':
        return this.segmentRef(n.segmentId);
      case 'list': {
        const version = this.ctx.listVersion(n.listId);
        if (version === undefined) return FALSE;
        return d.truthy(sql`(pid IN ${d.listMembers(this.ctx.workspaceId, n.listId, version)})`);
      }
      case 'bucket':
        return sql`(${d.bucket(raw('pid'), n.salt)} BETWEEN ${n.from} AND ${n.to})`;
      case 'model':
        return this.models.group(n.model, n.value);
      case 'rfm_score':
        return this.models.scoreBetween(n.score, n.from, n.to);
      case 'interest': {
        const s = this.ctx.settings;
        const events: TrackScope = { type: 'track', events: s.interestEvents };
        const cond = eventTest(events);
        return this.models.interest(n.category, this.prop(s.categoryProperty, cond), cond, events);
      }
    }
  }

  /**
   * type/name of the event, its window and its property filters, as a row condition. The
   * cheap tests come first: the engines evaluate AND left to right on the rows still in, so
   * properties are read from the JSON only of the event's rows inside the window.
   */
  private eventCond(event: string, where: readonly PropertyFilter[] | undefined, window: Window | undefined) {
    const d = this.dialect;
    const parts: SqlFragment[] = [eventTest({ type: 'track', events: [event] }, event)];
    if (window) parts.push(this.inWindow(raw('ts'), window));
    const rows = join(parts, raw(' AND '));
    for (const f of where ?? []) {
      const text = this.prop(f.property, rows);
      const nullAbsent = d.jsonTextNullWhenAbsent;
      const has = nullAbsent ? sql`${text} IS NOT NULL` : d.jsonHas(raw('props'), f.property);
      parts.push(compare(d, { has, text, num: d.toNumber(text), textNullWhenAbsent: nullAbsent }, f));
    }
    return join(parts, raw(' AND '));
  }

  /** The events an aggregate about track event `event` can see, inside `window` when given. */
  private scope(event: string, window?: Window | number): TrackScope {
    const from =
      window === undefined || typeof window === 'number'
        ? window
        : 'last' in window
          ? this.ctx.now - durationMs(window.last)
          : Date.parse(window.between.from);
    return from === undefined ? { type: 'track', events: [event] } : { type: 'track', events: [event], from };
  }

  /** An event property's text, read on the rows where `where` holds. */
  private prop(property: string, where: SqlFragment): SqlFragment {
    return this.jsonRead('props', property, where);
  }

  /** A top-level key of a JSON column (`props`, `traits`) as text, read on the rows where `where` holds. */
  private jsonRead(col: 'props' | 'traits', key: string, where: SqlFragment): SqlFragment {
    return this.reads.read(this.dialect.jsonText(raw(col), key), where, { col, key });
  }

  private inWindow(ts: SqlFragment, w: Window): SqlFragment {
    if ('last' in w) return sql`${ts} >= ${this.ctx.now - durationMs(w.last)}`;
    return sql`(${ts} >= ${Date.parse(w.between.from)} AND ${ts} < ${Date.parse(w.between.to)})`;
  }

  /** A trait's newest value by event timestamp among the profile's identify events. */
  private trait(n: Extract<Node, { type: 'trait' }>): SqlFragment {
    const d = this.dialect;
    const identify: Scope = { type: 'identify' };
    const identifies = eventTest(identify);
    const value = this.jsonRead('traits', n.trait, identifies);
    // Where the text is NULL exactly when the trait is absent or null, `argMaxIf` (which skips
    // NULLs) needs only the identify test, constant over identify events, and the newest text
    // is NULL exactly when no identify event has the trait: no presence test (a second JSON
    // parse) and no count column. (Seven traits of 5 M identify events: 4.8–4.9 s with
    // `AND <text> IS NOT NULL`, 4.4–4.6 s without.)
    const nullAbsent = d.jsonTextNullWhenAbsent;
    const cond = nullAbsent ? identifies : sql`${identifies} AND ${d.jsonHas(raw('traits'), n.trait)}`;
    const text = this.argMax(value, cond, identify);
    const present = nullAbsent
      ? sql`${text} IS NOT NULL`
      : sql`${this.agg('count', null, cond, identify)} > 0`;
    const v = { has: present, text, num: d.toNumber(text) };
    const day = (days: number) => this.ctx.now - days * DAY;
    switch (n.op) {
      case 'before':
        return d.truthy(sql`(${present} AND ${d.dateMs(text)} < ${Date.parse(n.value)})`);
      case 'after':
        return d.truthy(sql`(${present} AND ${d.dateMs(text)} > ${Date.parse(n.value)})`);
      case 'within_last':
        return d.truthy(
          sql`(${present} AND ${d.dateMs(text)} >= ${day(n.days)} AND ${d.dateMs(text)} <= ${this.ctx.now})`,
        );
      case 'more_than_ago':
        return d.truthy(sql`(${present} AND ${d.dateMs(text)} < ${day(n.days)})`);
      case 'anniversary':
        return d.truthy(
          n.period === 'today'
            ? sql`(${present} AND ${d.monthDay(text)} = ${this.ctx.monthDay})`
            : sql`(${present} AND substring(${d.monthDay(text)}, 1, 2) = ${this.ctx.monthDay.slice(0, 2)})`,
        );
      default:
        return compare(this.dialect, v, n);
    }
  }

  /**
   * Distinct days with any event among the last 30 days of the workspace's calendar (today and
   * the 29 before), as on the profile.
   */
  activeDays30(): SqlFragment {
    const tz = this.ctx.settings.timeZone;
    const from = localDayStart(tz, localDay(tz, this.ctx.now) - 29);
    return this.agg('uniq', this.localDay(from), sql`ts >= ${from}`, { type: 'any', from });
  }

  private orderScope(): TrackScope {
    return { type: 'track', events: this.ctx.settings.orderEvents };
  }

  private orderCond(): SqlFragment {
    return eventTest(this.orderScope());
  }

  /** An order's amount: the first of the revenue properties that holds a number. */
  private revenue(): SqlFragment {
    // Each revenue property is a read of its own; where the dialect shares reads they come from
    // one parse with the order's other properties (a million orders: 0.36 s read one by one in
    // a coalesce, 0.28 s together; picking the number from a list with lambdas took 1.1 s).
    const numbers = this.ctx.settings.revenueProperties.map((k) =>
      this.dialect.toNumber(this.jsonRead('props', k, this.orderCond())),
    );
    return sql`coalesce(${join(numbers, raw(', '))})`;
  }

  /** Built-in computed traits, with the same meaning as on the profile (profile-delta.ts). */
  private computed(t: ComputedTrait): Accessor {
    const d = this.dialect;
    const all = TRUE;
    const order = this.orderCond();
    const os = this.orderScope();
    const orders = this.agg('count', null, order, os);
    const revenue = this.revenue();
    const spend = sql`coalesce(${this.agg('sum', revenue, order, os)}, 0)`;
    const num = (x: SqlFragment, has: SqlFragment = TRUE): Accessor => ({ has, text: x, num: x });
    switch (t) {
      case 'first_seen':
        return num(this.agg('min', raw('ts'), all));
      case 'last_seen':
        return num(this.agg('max', raw('ts'), all));
      case 'event_count':
        return num(this.agg('count', null, all));
      case 'active_days_30':
        return num(this.activeDays30());
      case 'order_count':
        return num(orders);
      case 'total_spend':
        return num(spend);
      case 'avg_order_value':
        return num(sql`${spend} / ${orders}`, sql`${orders} > 0`);
      case 'first_order_at':
        return num(this.agg('min', raw('ts'), order, os), sql`${orders} > 0`);
      case 'last_order_at':
        return num(this.agg('max', raw('ts'), order, os), sql`${orders} > 0`);
      case 'days_since_last_order':
        return num(
          d.floorDiv(sql`(${this.ctx.now} - ${this.agg('max', raw('ts'), order, os)})`, DAY),
          sql`${orders} > 0`,
        );
    }
  }

  /**
   * `followed`: some `first` at x has a `second` in (x, x + within]. Not followed: the latest
   * `first` (in the window) is at least `within` old and no `second` came in (x, x + within].
   */
  private sequence(n: Extract<Node, { type: 'sequence' }>): SqlFragment {
    const d = this.dialect;
    const within = durationMs(n.within);
    const c1 = this.eventCond(n.first.event, n.first.where, n.window);
    const s1 = this.scope(n.first.event, n.window);
    // Only a second event after the window's start can follow a first one inside it: the list
    // holds those, not every one the profile ever had (at 100 M events, the lists of all
    // orders and checkouts cost 2–2.5 s of the aggregations).
    const after = s1.from;
    const c2 = this.eventCond(n.second.event, n.second.where, undefined);
    const seconds = this.agg(
      'list',
      raw('ts'),
      after === undefined ? c2 : sql`${c2} AND ts > ${after}`,
      this.scope(n.second.event, after),
    );
    if (n.followed) {
      const firsts = this.agg('list', raw('ts'), c1, s1);
      return d.truthy(
        d.listAnyPair(firsts, seconds, (x, y) => sql`${y} > ${x} AND ${y} <= ${x} + ${within}`),
      );
    }
    const last = this.agg('max', raw('ts'), c1, s1);
    const followedAfterLast = d.listAny(
      seconds,
      (y, [l]) => sql`${y} > ${l!} AND ${y} <= ${l!} + ${within}`,
      [last],
    );
    return d.truthy(
      sql`(${this.agg('count', null, c1, s1)} > 0 AND ${last} + ${within} <= ${this.ctx.now} AND NOT ${followedAfterLast})`,
    );
  }

  /**
   * Windows back from now: recent = [now − recent, now], previous = the `previous` before it.
   * Stopped: some in previous, none in recent. Restarted: some in recent, none in previous,
   * and some before previous.
   */
  private trend(n: Extract<Node, { type: 'trend' }>): SqlFragment {
    const now = this.ctx.now;
    const recentFrom = now - durationMs(n.recent);
    const previousFrom = recentFrom - durationMs(n.previous);
    const base = this.eventCond(n.event, n.where, undefined);
    const count = (cond: SqlFragment, from?: number) =>
      this.agg('count', null, cond, this.scope(n.event, from));
    const recent = count(sql`${base} AND ts >= ${recentFrom}`, recentFrom);
    const previous = count(sql`${base} AND ts >= ${previousFrom} AND ts < ${recentFrom}`, previousFrom);
    if (n.change === 'stopped') return sql`(${previous} > 0 AND ${recent} = 0)`;
    const before = count(sql`${base} AND ts < ${previousFrom}`);
    return sql`(${recent} > 0 AND ${previous} = 0 AND ${before} > 0)`;
  }

  /** Another segment's definition, inlined (references are checked for cycles when saved). */
  private segmentRef(id: string): SqlFragment {
    const done = this.inlined.get(id);
    if (done) return done;
    const def = this.ctx.definitionOf(id);
    if (!def) return FALSE;
    if (this.inlining.has(id)) throw new Error(`segment reference cycle through ${id}`);
    this.inlining.add(id);
    const expr = sql`(${this.node(def.root)})`;
    this.inlining.delete(id);
    this.inlined.set(id, expr);
    return expr;
  }
}
