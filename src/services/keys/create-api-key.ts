import { randomBytes } from 'node:crypto';
import { invalid } from '../../core/errors.js';
import { recordAudit } from '../audit/record-audit.js';
import { type Ctx, requireRight } from '../context.js';
import { hashKey, type KeyType, newKey } from './key-format.js';
import type { ApiKey } from './list-api-keys.js';

/**
 * A write key lets SDKs send events to one workspace; a secret key authenticates the admin
 * API (`Authorization: Bearer …`) with admin rights in its workspace. The key itself is
 * returned once and never stored.
 */
export async function createApiKey({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { type: KeyType; name?: string | undefined };
}): Promise<{ key: ApiKey; secret: string }> {
  requireRight(ctx, 'keys.manage');
  if (input.type !== 'write' && input.type !== 'secret')
    throw invalid('invalid_key_type', 'type must be write or secret');
  const secret = newKey(input.type);
  const id = `key_${randomBytes(8).toString('hex')}`;
  const name = (input.name ?? '').trim().slice(0, 100);
  const prefix = secret.slice(0, 7);
  const rows = await ctx.tailor.state.transaction(async (tx) => {
    const r = await tx.query<{ created_at: Date }>(
      `INSERT INTO api_keys (id, workspace_id, type, name, key_hash, prefix) VALUES ($1, $2, $3, $4, $5, $6) RETURNING created_at`,
      [id, ctx.workspaceId, input.type, name, hashKey(secret), prefix],
    );
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: 'key.create',
      targetType: 'api_key',
      targetId: id,
      after: { type: input.type, name, prefix },
      requestId: ctx.requestId,
    });
    return r;
  });
  return {
    key: {
      id,
      type: input.type,
      name,
      prefix,
      createdAt: new Date(rows[0]!.created_at).toISOString(),
      revokedAt: null,
    },
    secret,
  };
}
