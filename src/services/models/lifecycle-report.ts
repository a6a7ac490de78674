import { invalid } from '../../core/errors.js';
import { stageFlowQuery } from '../../segments/compile/model-report-query.js';
import { MODEL_VALUES } from '../../segments/dsl.js';
import { type Ctx, requireRight } from '../context.js';

const stage = (id: unknown) => {
  const s = String(id ?? '');
  return s.startsWith('lifecycle:') ? s.slice('lifecycle:'.length) : null;
};

/** Profiles per lifecycle stage now, and the moves between stages in the last `days`. */
export async function lifecycleReport({ ctx, input }: { ctx: Ctx; input: { days?: number | undefined } }) {
  requireRight(ctx, 'segments.read');
  const days = input.days ?? 30;
  if (!Number.isInteger(days) || days < 1 || days > 3650) throw invalid('invalid_days', 'days is 1–3650');
  const engine = ctx.tailor.segments;
  const [sizes, rows] = await Promise.all([
    engine.sizes(ctx.workspaceId),
    ctx.tailor.events.select(
      stageFlowQuery(engine.dialect, ctx.workspaceId, engine.now() - days * 86_400_000),
    ),
  ]);
  const flows = rows
    .map((r) => ({ from: stage(r.from_stage), to: stage(r.to_stage), count: Number(r.n) }))
    .filter((f): f is { from: string | null; to: string; count: number } => f.to !== null)
    .sort((a, b) => b.count - a.count);
  return {
    days,
    stages: MODEL_VALUES.lifecycle.map((id) => ({ id, count: sizes.get(`lifecycle:${id}`) ?? 0 })),
    flows,
  };
}
