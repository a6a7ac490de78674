import { conflict, notFound } from '../../core/errors.js';
import { references } from '../../segments/parse-definition.js';
import { recordAudit } from '../audit/record-audit.js';
import { type Ctx, requireRight } from '../context.js';

/** Deletes a list no segment uses; its entries leave the event store. */
export async function deleteList({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<void> {
  requireRight(ctx, 'segments.write');
  const users = (await ctx.tailor.segments.definitions(ctx.workspaceId)).filter((s) =>
    references(s.definition).lists.has(input.id),
  );
  if (users.length > 0)
    throw conflict('list_in_use', `list ${input.id} is used by ${users.map((s) => s.id).join(', ')}`);
  await ctx.tailor.state.transaction(async (tx) => {
    const rows = await tx.query('DELETE FROM lists WHERE workspace_id = $1 AND id = $2 RETURNING id', [
      ctx.workspaceId,
      input.id,
    ]);
    if (rows.length === 0) throw notFound('list_not_found', `no list ${input.id}`);
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: 'list.delete',
      targetType: 'list',
      targetId: input.id,
      requestId: ctx.requestId,
    });
  });
  await ctx.tailor.events.dropListVersions(ctx.workspaceId, input.id);
}
