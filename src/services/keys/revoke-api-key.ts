import { notFound } from '../../core/errors.js';
import { recordAudit } from '../audit/record-audit.js';
import { type Ctx, requireRight } from '../context.js';
import { forgetKey } from './authenticate-key.js';

export async function revokeApiKey({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<void> {
  requireRight(ctx, 'keys.manage');
  await ctx.tailor.state.transaction(async (tx) => {
    const rows = await tx.query<{ key_hash: string }>(
      `UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE workspace_id = $1 AND id = $2 RETURNING key_hash`,
      [ctx.workspaceId, input.id],
    );
    if (rows.length === 0) throw notFound('key_not_found', `no key ${input.id} in this workspace`);
    forgetKey(rows[0]!.key_hash);
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: 'key.revoke',
      targetType: 'api_key',
      targetId: input.id,
      requestId: ctx.requestId,
    });
  });
}
