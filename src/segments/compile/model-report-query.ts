import { raw, type SqlFragment, sql } from '../../stores/events/sql.js';
import { RFM_CLASSES } from '../models/rfm-rules.js';
import { type CompileContext, Compiler } from './compiler.js';
import type { Dialect } from './dialect.js';
import { perProfile } from './one-pass.js';

/**
 * Customers counted by R score, F score and the 8-class sides, with their total spend, for
 * the RFM heat map and the group tables: one scan, grouped on the scores.
 *
 *   SELECT r, f, rh, fh, mh, count(*) AS n, sum(m) AS spend
 *   FROM (SELECT <R score> AS r, …, <M> AS m FROM (<per-profile aggregates>) WHERE <customer>)
 *   GROUP BY r, f, rh, fh, mh
 */
export function rfmReportQuery(dialect: Dialect, ctx: CompileContext): SqlFragment | undefined {
  const c = new Compiler(dialect, ctx);
  const params = ctx.models.params;
  const r = c.models.score('r');
  const f = c.models.score('f');
  if (!params || !r || !f) return undefined;
  const m = c.models.rfmMeasures();
  const a = params.rfm.averages;
  const flag = (cond: SqlFragment) => sql`CASE WHEN ${cond} THEN 1 ELSE 0 END`;
  const inner = sql`SELECT ${r} AS r, ${f} AS f, ${flag(sql`${m.r} >= ${a.lastOrderAt}`)} AS rh,
      ${flag(sql`${m.f} >= ${a.frequency}`)} AS fh, ${flag(sql`${m.m} >= ${a.monetary}`)} AS mh, ${m.m} AS m
    FROM ${c.withValues(perProfile(c, ctx))} WHERE ${m.customer}`;
  return sql`SELECT r, f, rh, fh, mh, count(*) AS n, sum(m) AS spend FROM (${inner}) GROUP BY r, f, rh, fh, mh`;
}

/** Which 8-class group the sides (1 = high) name. */
export function classOf(rh: boolean, fh: boolean, mh: boolean): keyof typeof RFM_CLASSES {
  for (const [id, want] of Object.entries(RFM_CLASSES))
    if (want.r === rh && want.f === fh && want.m === mh) return id as keyof typeof RFM_CLASSES;
  throw new Error('unreachable');
}

/**
 * Lifecycle moves in a period: per run and profile, the stage left and the stage entered.
 *
 *   SELECT from_stage, to_stage, count(*) AS n FROM (
 *     SELECT max(segment_id) FILTER (WHERE NOT entered) AS from_stage, … FROM segment_transitions
 *     WHERE workspace_id = $1 AND "at" >= $2 AND segment_id LIKE 'lifecycle:%' GROUP BY run_id, profile_id)
 *   GROUP BY from_stage, to_stage
 */
export function stageFlowQuery(dialect: Dialect, workspaceId: string, since: number): SqlFragment {
  const from = dialect.aggIf('max', raw('segment_id'), raw('NOT entered'));
  const to = dialect.aggIf('max', raw('segment_id'), raw('entered'));
  return sql`SELECT from_stage, to_stage, count(*) AS n FROM (
      SELECT ${from} AS from_stage, ${to} AS to_stage FROM segment_transitions
      WHERE workspace_id = ${workspaceId} AND ${raw(dialect.name === 'duckdb' ? '"at"' : 'at')} >= ${since}
        AND segment_id LIKE 'lifecycle:%'
      GROUP BY run_id, profile_id)
    GROUP BY from_stage, to_stage`;
}
