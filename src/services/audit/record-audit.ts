import type { Sql } from '../../stores/state/state-store.js';
import type { Actor } from '../context.js';

export interface AuditEntry {
  workspaceId: string | null;
  actor: Actor;
  action: string;
  targetType: string;
  targetId: string;
  before?: unknown;
  after?: unknown;
  requestId?: string | undefined;
}

/** Appends one audit row; pass the transaction of the change so both commit together. */
export async function recordAudit(db: Sql, e: AuditEntry): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (workspace_id, actor_type, actor_id, action, target_type, target_id, before, after, request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      e.workspaceId,
      e.actor.type,
      e.actor.id,
      e.action,
      e.targetType,
      e.targetId,
      e.before === undefined ? null : JSON.stringify(e.before),
      e.after === undefined ? null : JSON.stringify(e.after),
      e.requestId ?? null,
    ],
  );
}
