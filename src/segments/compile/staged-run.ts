import type { Row, StagedDiff } from '../../stores/events/event-store.js';
import { render, sql } from '../../stores/events/sql.js';
import type { ModelParams } from '../models/model-params.js';
import { type CompileContext, Compiler } from './compiler.js';
import type { Dialect } from './dialect.js';
import { modelParamsFrom } from './model-params-query.js';
import { flagsOf, perProfile, type SegmentToEvaluate } from './one-pass.js';

/**
 * A full run that also recomputes the models' cut points, from one scan of the events where
 * the store keeps the per-profile rows for the run (DuckDB): the cut points are read from those
 * rows, then the memberships, which compare with the new cut points, from the same rows. Both
 * compilations register the cut points' measures first, so they have the same aggregate
 * columns; were they ever to differ, the memberships are computed from the events again.
 */
export function stagedFullRun(
  dialect: Dialect,
  ctxWith: (params: ModelParams | undefined) => CompileContext,
  before: ModelParams | undefined,
  segments: readonly SegmentToEvaluate[],
  onParams: (rows: Row[]) => Promise<ModelParams>,
): StagedDiff {
  const compile = (ctx: CompileContext) => {
    const c = new Compiler(dialect, ctx);
    c.models.prelude();
    return { c, flags: flagsOf(c, segments) };
  };
  const columns = (c: Compiler) => c.aggregateColumns().map((x) => render(x, (v) => JSON.stringify(v)).text);
  const ctx1 = ctxWith(before);
  const first = compile(ctx1);
  return {
    stage: perProfile(first.c, ctx1, undefined, undefined, false),
    async diff(rows, select) {
      const params = await onParams(await select(modelParamsFrom(first.c, rows)));
      const ctx2 = ctxWith(params);
      const second = compile(ctx2);
      const same = JSON.stringify(columns(first.c)) === JSON.stringify(columns(second.c));
      const from = same ? rows : perProfile(second.c, ctx2);
      return dialect.membershipDiff(
        sql`(SELECT pid, ${dialect.idList(second.flags)} AS segs FROM ${second.c.withValues(from)})`,
        dialect.storedMembership(ctx2.workspaceId),
      );
    },
  };
}
