import { invalid } from '../../core/errors.js';
import { sql } from '../../stores/events/sql.js';
import { type Ctx, requireRight } from '../context.js';
import { findProfile } from '../profiles/find-profile.js';
import { getSegment } from './get-segment.js';

/** A page of a segment's current members (profile ids in order), from the stored lists. */
export async function listSegmentMembers({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { id: string; limit?: number | undefined; after?: string | undefined };
}): Promise<{ members: string[]; nextCursor: string | null }> {
  requireRight(ctx, 'segments.read');
  await getSegment({ ctx, input: { id: input.id } });
  const limit = input.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
    throw invalid('invalid_limit', 'limit is 1–10000');
  const d = ctx.tailor.segments.dialect;
  const after = input.after ? sql` AND pid > ${input.after}` : sql``;
  const rows = await ctx.tailor.events.select(
    sql`SELECT pid FROM ${d.storedMembership(ctx.workspaceId)} m WHERE ${d.listHas(sql`segs`, input.id)}${after}
        ORDER BY pid LIMIT ${limit + 1}`,
  );
  const members = rows.slice(0, limit).map((r) => String(r.pid));
  return { members, nextCursor: rows.length > limit ? (members.at(-1) ?? null) : null };
}

/** The segments a profile is in now, and its entries and exits, oldest first. */
export async function profileSegments({ ctx, input }: { ctx: Ctx; input: { id: string } }) {
  requireRight(ctx, 'segments.read');
  const { row } = await findProfile(ctx, input.id);
  const pid = String(row.profile_id);
  const d = ctx.tailor.segments.dialect;
  const [current, history] = await Promise.all([
    ctx.tailor.events.select(sql`SELECT segs FROM ${d.storedMembership(ctx.workspaceId, [pid])} m`),
    ctx.tailor.events.select(
      sql`SELECT segment_id, "at" AS at_ms, entered FROM segment_transitions
          WHERE workspace_id = ${ctx.workspaceId} AND profile_id = ${pid} ORDER BY run_id, segment_id`,
    ),
  ]);
  return {
    profileId: pid,
    segments: ((current[0]?.segs as string[] | undefined) ?? []).map(String),
    history: history.map((h) => ({
      segmentId: String(h.segment_id),
      at: new Date(Number(h.at_ms)).toISOString(),
      change: Number(h.entered) === 1 || h.entered === true ? ('entered' as const) : ('exited' as const),
    })),
  };
}
