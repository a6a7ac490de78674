import { join, raw, type SqlFragment, sql } from '../../stores/events/sql.js';
import type { Definition } from '../dsl.js';
import { type AggregateGroup, selectItem, withoutTestsOf } from './aggregate-groups.js';
import { type CompileContext, Compiler } from './compiler.js';
import type { Dialect } from './dialect.js';

export interface SegmentToEvaluate {
  id: string;
  definition: Definition;
}

/**
 * The one pass: every segment of a workspace evaluated by a single scan of its events.
 *
 *   SELECT pid, <ids of the segments whose expression holds> AS segs
 *   FROM (SELECT pid, <every aggregate any segment needs> FROM <events> GROUP BY pid)
 *
 * `restrict` limits the scan to the events of those (surviving) profiles: the incremental run.
 */
export function membershipQuery(
  dialect: Dialect,
  ctx: CompileContext,
  segments: readonly SegmentToEvaluate[],
  restrict?: readonly string[],
  sources?: readonly string[],
): SqlFragment {
  const c = new Compiler(dialect, ctx);
  const flags = flagsOf(c, segments);
  return sql`(SELECT pid, ${dialect.idList(flags)} AS segs FROM ${c.withValues(perProfile(c, ctx, restrict, sources))})`;
}

/** Each segment's membership expression, in the order of their ids. */
export function flagsOf(c: Compiler, segments: readonly SegmentToEvaluate[]): [string, SqlFragment][] {
  const sorted = [...segments].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return sorted.map((s) => [s.id, c.definition(s.definition)]);
}

/** The size of an unsaved definition's audience, how many profiles were looked at, and a sample. */
export function previewQuery(
  dialect: Dialect,
  ctx: CompileContext,
  definition: Definition,
  sampleSize: number,
): SqlFragment {
  const c = new Compiler(dialect, ctx);
  const expr = c.definition(definition);
  return sql`SELECT ${dialect.aggIf('count', null, expr)} AS size, count(*) AS profiles,
    ${dialect.sampleIf(raw('pid'), expr, sampleSize)} AS sample
    FROM ${c.withValues(perProfile(c, ctx))}`;
}

/** Changed memberships: the one pass joined with what is stored (`pid, before, after`). */
export function diffQuery(
  dialect: Dialect,
  ctx: CompileContext,
  segments: readonly SegmentToEvaluate[],
  restrict?: readonly string[],
  sources?: readonly string[],
): SqlFragment {
  return dialect.membershipDiff(
    membershipQuery(dialect, ctx, segments, restrict, sources),
    dialect.storedMembership(ctx.workspaceId, restrict),
  );
}

export function perProfile(
  c: Compiler,
  ctx: CompileContext,
  restrict?: readonly string[],
  sources?: readonly string[],
  /** False where the caller stores the rows itself (a staged run). */
  materialize = true,
): SqlFragment {
  const only = restrict === undefined ? sql`` : sql` HAVING pid IN ${restrict}`;
  const events = c.dialect.attributedEvents(
    ctx.workspaceId,
    ctx.now,
    restrict,
    sources,
    ctx.materialized?.map((k) => k.column),
  );
  const aggregate = (g: AggregateGroup) => groupAggregation(c, events, g, only);
  // An incremental run's aggregation holds few profiles, so the wide state costs nothing and
  // it stays whole: each group would look for the same profiles' events again.
  const max = restrict === undefined ? c.dialect.aggregatesPerGroupBy : undefined;
  const groups =
    max === undefined ? [{ scope: undefined, columns: c.aggregateColumnList() }] : c.aggregateGroups(max);
  if (groups.length <= 1) return aggregate(groups[0]!);
  // The first group, over all events, has a row for every profile with events; the others
  // only where the profile has events in their scope, and their counts are 0 elsewhere.
  const [base, ...rest] = groups as [AggregateGroup, ...AggregateGroup[]];
  const items = [
    sql`g0.pid AS pid`,
    ...base.columns.map((col) => raw(`g0.${col.name}`)),
    ...rest.flatMap((g, i) =>
      g.columns.map((col) =>
        col.zero ? raw(`coalesce(g${i + 1}.${col.name}, 0) AS ${col.name}`) : raw(`g${i + 1}.${col.name}`),
      ),
    ),
  ];
  const joined = sql`(SELECT ${join(items, raw(', '))} FROM ${aggregate(base)} AS g0${join(
    rest.map((g, i) => sql` LEFT JOIN ${aggregate(g)} AS ${raw(`g${i + 1}`)} USING (pid)`),
    raw(''),
  )})`;
  return (materialize && c.dialect.materialize?.(joined)) || joined;
}

/** `SELECT pid, <the group's columns> … GROUP BY pid` over the events `g.scope` lets through. */
export function groupAggregation(
  c: Compiler,
  events: SqlFragment,
  g: AggregateGroup,
  having: SqlFragment = sql``,
): SqlFragment {
  // Tests of the event's type and name that every event of the group passes are dropped.
  const cols = g.columns.map((col) => selectItem({ ...col, expr: withoutTestsOf(col.expr, g.sees) }));
  const rows = g.scope === undefined ? events : sql`(SELECT * FROM ${events} WHERE ${g.scope})`;
  return sql`(SELECT pid${cols.length > 0 ? sql`, ${join(cols, raw(', '))}` : sql``}
    FROM ${c.rows(rows, cols, g.sees)} GROUP BY pid${having})`;
}
