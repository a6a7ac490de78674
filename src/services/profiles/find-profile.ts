import { notFound } from '../../core/errors.js';
import { normalizeEmail, normalizePhone } from '../../core/normalize.js';
import type { Ctx } from '../context.js';

export const PROFILE_COLUMNS = `profile_id, merged_into, user_id, email, phone, traits, first_seen, last_seen, event_count, active_days,
  order_count, total_spend, refund_count, refund_total, first_order_at, last_order_at, categories, recent`;

/**
 * Finds a profile by anything that names it: its profile id (a merged-away id leads to the
 * survivor), a user id, an anonymous id, an email or a phone number (normalised first).
 */
export async function findProfileRow(ctx: Ctx, anyId: string): Promise<Record<string, unknown>> {
  const state = ctx.tailor.state;
  const ws = ctx.workspaceId;
  const byId = async (pid: string) =>
    (
      await state.query(
        `SELECT ${PROFILE_COLUMNS} FROM profiles WHERE workspace_id = $1 AND profile_id = $2`,
        [ws, pid],
      )
    )[0];
  let row = anyId.startsWith('p_') ? await byId(anyId) : undefined;
  if (!row) {
    // A value can be both a user id and an anonymous id; the user id wins. Chosen here rather
    // than with ORDER BY … LIMIT, which can lead the planner onto a scan of the primary key.
    const ids = await state.query<{ profile_id: string; id_type: string }>(
      'SELECT profile_id, id_type FROM identities WHERE workspace_id = $1 AND id_value = $2',
      [ws, anyId],
    );
    const hit = ids.find((i) => i.id_type === 'user') ?? ids[0];
    if (hit) row = await byId(hit.profile_id);
  }
  if (!row) {
    const email = normalizeEmail(anyId);
    const phone = email
      ? undefined
      : normalizePhone(anyId, ctx.tailor.settings.profileSettings(ws).phoneRegion);
    if (email || phone) {
      const rows = await state.query(
        `SELECT ${PROFILE_COLUMNS} FROM profiles WHERE workspace_id = $1 AND merged_into IS NULL AND ${email ? 'email' : 'phone'} = $2
         ORDER BY last_seen DESC NULLS LAST LIMIT 1`,
        [ws, email ?? phone],
      );
      row = rows[0];
    }
  }
  if (row?.merged_into) row = await byId(String(row.merged_into));
  if (!row) throw notFound('profile_not_found', `no profile known by "${anyId}" in this workspace`);
  return row;
}

/** The profile's own id plus every profile merged into it: the ids its events carry. */
export async function attributedProfileIds(ctx: Ctx, profileId: string): Promise<string[]> {
  const rows = await ctx.tailor.state.query<{ profile_id: string }>(
    'SELECT profile_id FROM profiles WHERE workspace_id = $1 AND merged_into = $2',
    [ctx.workspaceId, profileId],
  );
  return [profileId, ...rows.map((r) => r.profile_id)];
}
