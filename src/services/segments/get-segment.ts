import { notFound } from '../../core/errors.js';
import { type Ctx, requireRight } from '../context.js';
import { SEGMENT_COLUMNS, type Segment, segmentView } from './segment-view.js';

export async function listSegments({ ctx }: { ctx: Ctx }): Promise<(Segment & { size: number })[]> {
  requireRight(ctx, 'segments.read');
  const rows = await ctx.tailor.state.query(
    `SELECT ${SEGMENT_COLUMNS} FROM segments WHERE workspace_id = $1 ORDER BY name, id`,
    [ctx.workspaceId],
  );
  const sizes = await ctx.tailor.segments.sizes(ctx.workspaceId);
  return rows.map((r) => ({ ...segmentView(r), size: sizes.get(String(r.id)) ?? 0 }));
}

export async function getSegment({ ctx, input }: { ctx: Ctx; input: { id: string } }) {
  requireRight(ctx, 'segments.read');
  const rows = await ctx.tailor.state.query(
    `SELECT ${SEGMENT_COLUMNS} FROM segments WHERE workspace_id = $1 AND id = $2`,
    [ctx.workspaceId, input.id],
  );
  if (!rows[0]) throw notFound('segment_not_found', `no segment ${input.id}`);
  const sizes = await ctx.tailor.segments.sizes(ctx.workspaceId);
  return { ...segmentView(rows[0]), size: sizes.get(input.id) ?? 0 };
}
