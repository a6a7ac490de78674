import { type Ctx, requireRight } from '../context.js';
import { eventView } from '../profiles/profile-view.js';

/** Latest received events (the ingest page's live list); `after` is a receivedAt in ms. */
export async function latestEvents({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { limit: number; after?: number | undefined };
}) {
  requireRight(ctx, 'ingest.read');
  const rows = await ctx.tailor.events.latestEvents(ctx.workspaceId, {
    limit: input.limit,
    receivedAfter: input.after,
  });
  return { events: rows.map(eventView) };
}

/** Totals, the applier backlog, and rejected events by day and code (last 30 days). */
export async function ingestStats({ ctx }: { ctx: Ctx }) {
  requireRight(ctx, 'ingest.read');
  await ctx.tailor.metrics.flushRejections(ctx.tailor.state);
  const [totalEvents, errors] = await Promise.all([
    ctx.tailor.events.countEvents(ctx.workspaceId),
    ctx.tailor.state.query<{ day: string; code: string; count: number; last_message: string }>(
      `SELECT day, code, count, last_message FROM ingest_errors WHERE workspace_id = $1 AND day >= $2 ORDER BY day DESC, count DESC`,
      [ctx.workspaceId, new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10)],
    ),
  ]);
  return {
    totalEvents,
    backlog: ctx.tailor.applier.backlog,
    errors: errors.map((e) => ({
      day: e.day,
      code: e.code,
      count: Number(e.count),
      lastMessage: e.last_message,
    })),
  };
}
