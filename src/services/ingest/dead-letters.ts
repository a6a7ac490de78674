import { notFound } from '../../core/errors.js';
import { decodeRecords } from '../../ingest/spool-codec.js';
import type { Sql } from '../../stores/state/state-store.js';
import { recordAudit } from '../audit/record-audit.js';
import { type Ctx, requireRight } from '../context.js';

interface Row {
  id: number;
  message_id: string;
  type: string;
  event: string;
  store: string;
  error: string;
  created_at: Date | string;
  record_b64: string;
}

const COLUMNS = `id, message_id, type, event, store, error, created_at, encode(record, 'base64') AS record_b64`;

const recordOf = (r: Row) => decodeRecords(Buffer.from(r.record_b64, 'base64').toString('utf8'))[0]!;

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/**
 * A set-aside event as stored: times stay epoch milliseconds, since the value a store refused
 * may be one no date can show.
 */
function view(r: Row) {
  const e = recordOf(r);
  return {
    id: Number(r.id),
    messageId: r.message_id,
    type: r.type,
    event: r.event,
    store: r.store as 'state' | 'events',
    error: r.error,
    setAsideAt: new Date(r.created_at).toISOString(),
    record: {
      userId: e.userId,
      anonymousId: e.anonymousId,
      groupId: e.groupId,
      previousId: e.previousId,
      timestamp: e.timestamp,
      originalTimestamp: e.originalTimestamp,
      sentAt: e.sentAt,
      receivedAt: e.receivedAt,
      properties: safeJson(e.properties),
      traits: safeJson(e.traits),
      context: safeJson(e.context),
    },
  };
}

export type DeadLetterView = ReturnType<typeof view>;

/** Events a store refused, newest first (ingest/poison.ts sets them aside). */
export async function listDeadLetters({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { limit: number; beforeId?: number | undefined };
}): Promise<{ deadLetters: DeadLetterView[]; total: number; nextBeforeId: number | null }> {
  requireRight(ctx, 'ingest.read');
  const [rows, count] = await Promise.all([
    ctx.tailor.state.query<Row>(
      `SELECT ${COLUMNS} FROM dead_letters WHERE workspace_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3`,
      [ctx.workspaceId, input.beforeId ?? Number.MAX_SAFE_INTEGER, input.limit],
    ),
    ctx.tailor.state.query<{ n: number }>('SELECT count(*) AS n FROM dead_letters WHERE workspace_id = $1', [
      ctx.workspaceId,
    ]),
  ]);
  return {
    deadLetters: rows.map(view),
    total: Number(count[0]?.n ?? 0),
    nextBeforeId: rows.length === input.limit ? Number(rows.at(-1)!.id) : null,
  };
}

/** Removes one set-aside event from the workspace's list; returns it. */
async function take(tx: Sql, ctx: Ctx, id: number): Promise<Row> {
  const rows = await tx.query<Row>(
    `DELETE FROM dead_letters WHERE workspace_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
    [ctx.workspaceId, id],
  );
  if (!rows[0]) throw notFound('dead_letter_not_found', `no set-aside event ${id} in this workspace`);
  return rows[0];
}

/**
 * Sends a set-aside event through the applier again, as it was accepted (same messageId and
 * times), for after the cause was fixed. If a store still refuses it, it is set aside again
 * under a new id.
 */
export async function retryDeadLetter({ ctx, input }: { ctx: Ctx; input: { id: number } }) {
  requireRight(ctx, 'ingest.manage');
  await ctx.tailor.state.transaction(async (tx) => {
    const r = await take(tx, ctx, input.id);
    // Spooled before the removal commits: if the spool write fails, the event stays set aside.
    await ctx.tailor.ingestor.reapply([recordOf(r)]);
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: 'ingest.dead_letter.retry',
      targetType: 'dead_letter',
      targetId: String(input.id),
      before: { messageId: r.message_id, store: r.store, error: r.error },
      requestId: ctx.requestId,
    });
  });
  return { requeued: 1 };
}

/** Drops a set-aside event for good. */
export async function discardDeadLetter({ ctx, input }: { ctx: Ctx; input: { id: number } }): Promise<void> {
  requireRight(ctx, 'ingest.manage');
  await ctx.tailor.state.transaction(async (tx) => {
    const r = await take(tx, ctx, input.id);
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: 'ingest.dead_letter.discard',
      targetType: 'dead_letter',
      targetId: String(input.id),
      before: { messageId: r.message_id, store: r.store, error: r.error },
      requestId: ctx.requestId,
    });
  });
}
