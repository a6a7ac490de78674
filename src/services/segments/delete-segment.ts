import { conflict, notFound } from '../../core/errors.js';
import { references } from '../../segments/parse-definition.js';
import { recordAudit } from '../audit/record-audit.js';
import { type Ctx, requireRight } from '../context.js';

/** Deletes a segment no other segment refers to; its members exit in the run that follows. */
export async function deleteSegment({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<void> {
  requireRight(ctx, 'segments.write');
  const engine = ctx.tailor.segments;
  const users = (await engine.definitions(ctx.workspaceId)).filter(
    (s) => s.id !== input.id && references(s.definition).segments.has(input.id),
  );
  if (users.length > 0)
    throw conflict('segment_in_use', `segment ${input.id} is used by ${users.map((s) => s.id).join(', ')}`);
  await ctx.tailor.state.transaction(async (tx) => {
    const rows = await tx.query('DELETE FROM segments WHERE workspace_id = $1 AND id = $2 RETURNING id', [
      ctx.workspaceId,
      input.id,
    ]);
    if (rows.length === 0) throw notFound('segment_not_found', `no segment ${input.id}`);
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: 'segment.delete',
      targetType: 'segment',
      targetId: input.id,
      requestId: ctx.requestId,
    });
  });
  await engine.run(ctx.workspaceId, { models: false });
}
