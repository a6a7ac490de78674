import type { Ctx } from '../context.js';
import { requireRight } from '../context.js';

export interface AuditRow {
  id: number;
  actorType: string;
  actorId: string;
  action: string;
  targetType: string;
  targetId: string;
  before: unknown;
  after: unknown;
  at: string;
}

/** Newest first; `beforeId` pages further back. */
export async function listAudit({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { limit: number; beforeId?: number | undefined };
}): Promise<AuditRow[]> {
  requireRight(ctx, 'audit.read');
  const rows = await ctx.tailor.state.query<Record<string, unknown>>(
    `SELECT id, actor_type, actor_id, action, target_type, target_id, before, after, at FROM audit_log
     WHERE workspace_id = $1 AND ($2::bigint IS NULL OR id < $2) ORDER BY id DESC LIMIT $3`,
    [ctx.workspaceId, input.beforeId ?? null, input.limit],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    actorType: String(r.actor_type),
    actorId: String(r.actor_id),
    action: String(r.action),
    targetType: String(r.target_type),
    targetId: String(r.target_id),
    before: r.before,
    after: r.after,
    at: new Date(r.at as string).toISOString(),
  }));
}
