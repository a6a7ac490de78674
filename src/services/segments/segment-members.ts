import { invalid } from '../../core/errors.js';
import { sql } from '../../stores/events/sql.js';
import { type Ctx, requireRight } from '../context.js';
import { findProfile, PROFILE_COLUMNS } from '../profiles/find-profile.js';
import { summaryOf } from '../profiles/profile-view.js';
import { findSegment, getSegment } from './get-segment.js';

/** A page of a segment's current members (profile ids in order), from the stored lists. */
export async function listSegmentMembers({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { id: string; limit?: number | undefined; after?: string | undefined };
}): Promise<{ members: string[]; nextCursor: string | null }> {
  requireRight(ctx, 'segments.read');
  await findSegment(ctx, input.id);
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
    segments: ((current[0]?.segs as string[] | undefined) ?? []).map(String).sort(),
    history: history.map((h) => ({
      segmentId: String(h.segment_id),
      at: new Date(Number(h.at_ms)).toISOString(),
      change: Number(h.entered) === 1 || h.entered === true ? ('entered' as const) : ('exited' as const),
    })),
  };
}

/** Profile summaries for member ids, in the order given (ids with no profile are left out). */
export async function memberSummaries(ctx: Ctx, profileIds: readonly string[]) {
  if (profileIds.length === 0) return [];
  const rows = await ctx.tailor.state.query<Record<string, unknown>>(
    `SELECT ${PROFILE_COLUMNS} FROM profiles WHERE workspace_id = $1 AND profile_id = ANY($2::text[])`,
    [ctx.workspaceId, profileIds],
  );
  const now = Date.now();
  const byId = new Map(
    rows.map((r) => [
      String(r.profile_id),
      summaryOf(r, now, ctx.tailor.settings.profileSettings(ctx.workspaceId).timeZone),
    ]),
  );
  return profileIds.flatMap((id) => byId.get(id) ?? []);
}

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  // A leading = + - @ would be read as a formula by spreadsheets.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** A segment's members as CSV lines (header first), read in pages so memory stays flat. */
export async function* exportSegmentMembers(ctx: Ctx, segmentId: string): AsyncGenerator<string> {
  yield 'profile_id,user_id,email,phone,name\n';
  let after: string | undefined;
  for (;;) {
    const page = await listSegmentMembers({ ctx, input: { id: segmentId, limit: 5000, after } });
    const summaries = await memberSummaries(ctx, page.members);
    yield summaries
      .map((p) => `${[p.profileId, p.userId, p.email, p.phone, p.name].map(csvCell).join(',')}\n`)
      .join('');
    if (!page.nextCursor) return;
    after = page.nextCursor;
  }
}

/** A segment's size over the last `days`, one point per minute in which it changed. */
export async function segmentSizes({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { id: string; days?: number | undefined };
}) {
  requireRight(ctx, 'segments.read');
  const seg = await getSegment({ ctx, input: { id: input.id } });
  const days = input.days ?? 30;
  if (!Number.isInteger(days) || days < 1 || days > 3650) throw invalid('invalid_days', 'days is 1–3650');
  const rows = await ctx.tailor.state.query<{ at: string; size: string }>(
    `SELECT "at", size FROM segment_sizes WHERE workspace_id = $1 AND segment_id = $2 AND "at" >= $3 ORDER BY "at"`,
    [ctx.workspaceId, input.id, ctx.tailor.segments.now() - days * 86_400_000],
  );
  // At most ~500 points: the last size in each equal slice of the period.
  const now = ctx.tailor.segments.now();
  const slice = Math.max(60_000, Math.ceil((days * 86_400_000) / 500));
  const kept = new Map<number, { at: string; size: number }>();
  for (const r of rows)
    kept.set(Math.floor(Number(r.at) / slice), {
      at: new Date(Number(r.at)).toISOString(),
      size: Number(r.size),
    });
  const points = [...kept.values()];
  // The current size closes the series, so a segment that has not changed lately still shows.
  points.push({ at: new Date(now).toISOString(), size: seg.size });
  return { points };
}
