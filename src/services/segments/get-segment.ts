import { notFound } from '../../core/errors.js';
import { MODEL_SEGMENTS } from '../../segments/engine/segment-engine.js';
import { groupName } from '../../segments/models/group-names.js';
import { type Ctx, requireRight } from '../context.js';
import { SEGMENT_COLUMNS, type Segment, segmentView } from './segment-view.js';

export type SegmentWithSize = Segment & { size: number; kind: 'segment' | 'model' };

/** A built-in model's group shown as a read-only segment. */
function modelSegment(id: string): Segment | undefined {
  const m = MODEL_SEGMENTS.find((s) => s.id === id);
  if (!m) return undefined;
  const epoch = new Date(0).toISOString();
  return {
    id,
    name: groupName(id)?.[0] ?? id,
    description: '',
    definition: m.definition,
    version: 1,
    createdAt: epoch,
    updatedAt: epoch,
  };
}

/** The workspace's segments with their sizes; with `includeModels`, the model groups too. */
export async function listSegments({
  ctx,
  input = {},
}: {
  ctx: Ctx;
  input?: { includeModels?: boolean | undefined };
}): Promise<SegmentWithSize[]> {
  requireRight(ctx, 'segments.read');
  const rows = await ctx.tailor.state.query(
    `SELECT ${SEGMENT_COLUMNS} FROM segments WHERE workspace_id = $1 ORDER BY name, id`,
    [ctx.workspaceId],
  );
  const sizes = await ctx.tailor.segments.sizes(ctx.workspaceId);
  const size = (id: string) => sizes.get(id) ?? 0;
  const out: SegmentWithSize[] = rows.map((r) => ({
    ...segmentView(r),
    size: size(String(r.id)),
    kind: 'segment',
  }));
  if (input.includeModels)
    for (const m of MODEL_SEGMENTS) out.push({ ...modelSegment(m.id)!, size: size(m.id), kind: 'model' });
  return out;
}

/** A segment or model group without its size (counting members reads every stored list). */
export async function findSegment(ctx: Ctx, id: string): Promise<Segment & { kind: 'segment' | 'model' }> {
  requireRight(ctx, 'segments.read');
  const model = modelSegment(id);
  if (model) return { ...model, kind: 'model' };
  const rows = await ctx.tailor.state.query(
    `SELECT ${SEGMENT_COLUMNS} FROM segments WHERE workspace_id = $1 AND id = $2`,
    [ctx.workspaceId, id],
  );
  if (!rows[0]) throw notFound('segment_not_found', `no segment ${id}`);
  return { ...segmentView(rows[0]), kind: 'segment' };
}

export async function getSegment({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { id: string };
}): Promise<SegmentWithSize> {
  const seg = await findSegment(ctx, input.id);
  const sizes = await ctx.tailor.segments.sizes(ctx.workspaceId);
  return { ...seg, size: sizes.get(input.id) ?? 0 };
}
