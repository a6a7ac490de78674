import { type Ctx, requireRight } from '../context.js';
import type { KeyType } from './key-format.js';

export interface ApiKey {
  id: string;
  type: KeyType;
  name: string;
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
}

export async function listApiKeys({ ctx }: { ctx: Ctx }): Promise<ApiKey[]> {
  requireRight(ctx, 'keys.manage');
  const rows = await ctx.tailor.state.query<Record<string, unknown>>(
    `SELECT id, type, name, prefix, created_at, revoked_at FROM api_keys WHERE workspace_id = $1 ORDER BY created_at DESC, id`,
    [ctx.workspaceId],
  );
  return rows.map((r) => ({
    id: String(r.id),
    type: r.type as KeyType,
    name: String(r.name),
    prefix: String(r.prefix),
    createdAt: new Date(r.created_at as string).toISOString(),
    revokedAt: r.revoked_at ? new Date(r.revoked_at as string).toISOString() : null,
  }));
}
