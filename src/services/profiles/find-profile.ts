import { notFound } from '../../core/errors.js';
import { normalizeEmail, normalizePhone } from '../../core/normalize.js';
import type { Ctx } from '../context.js';

export const PROFILE_COLUMNS = `profile_id, merged_into, user_id, email, phone, traits, first_seen, last_seen, event_count, active_days,
  order_count, total_spend, refund_count, refund_total, first_order_at, last_order_at, categories, recent`;

export interface FoundProfile {
  row: Record<string, unknown>;
  identities: { type: string; value: string; firstSeen: number }[];
  /** Profiles merged into this one; their events count for it. */
  mergedFrom: string[];
}

// The surviving row with its identities and merged-away ids, in one statement: a lookup is
// one round trip to the state store whatever id it starts from.
const WITH_RELATED = `SELECT ${PROFILE_COLUMNS.split(',')
  .map((c) => `p.${c.trim()}`)
  .join(', ')},
  (SELECT coalesce(json_agg(json_build_array(i.id_type, i.id_value, i.first_seen) ORDER BY i.first_seen, i.id_type, i.id_value), '[]')
     FROM identities i WHERE i.workspace_id = $1 AND i.profile_id = p.profile_id) AS related_identities,
  (SELECT coalesce(array_agg(m.profile_id ORDER BY m.profile_id), '{}')
     FROM profiles m WHERE m.workspace_id = $1 AND m.merged_into = p.profile_id) AS related_merged
  FROM profiles p`;

/**
 * Finds a profile by anything that names it: its profile id (a merged-away id leads to the
 * survivor), a user id, an anonymous id (a value that is both: the user id wins), an email or
 * a phone number (normalised first; the most recently seen profile with it).
 */
export async function findProfile(ctx: Ctx, anyId: string): Promise<FoundProfile> {
  const state = ctx.tailor.state;
  const ws = ctx.workspaceId;
  let rows = await state.query(
    `WITH hit AS (
       SELECT profile_id, 0 AS pri FROM profiles WHERE workspace_id = $1 AND profile_id = $2
       UNION ALL
       SELECT profile_id, CASE id_type WHEN 'user' THEN 1 ELSE 2 END FROM identities WHERE workspace_id = $1 AND id_value = $2
     ), survivor AS (
       SELECT coalesce(p.merged_into, p.profile_id) AS profile_id
       FROM profiles p JOIN (SELECT profile_id FROM hit ORDER BY pri LIMIT 1) h ON h.profile_id = p.profile_id
       WHERE p.workspace_id = $1
     )
     ${WITH_RELATED} JOIN survivor s ON s.profile_id = p.profile_id WHERE p.workspace_id = $1`,
    [ws, anyId],
  );
  if (rows.length === 0) {
    const email = normalizeEmail(anyId);
    const phone = email
      ? undefined
      : normalizePhone(anyId, ctx.tailor.settings.profileSettings(ws).phoneRegion);
    if (email || phone) {
      rows = await state.query(
        `${WITH_RELATED} WHERE p.workspace_id = $1 AND p.merged_into IS NULL AND p.${email ? 'email' : 'phone'} = $2
         ORDER BY p.last_seen DESC NULLS LAST LIMIT 1`,
        [ws, email ?? phone],
      );
    }
  }
  const row = rows[0];
  if (!row) throw notFound('profile_not_found', `no profile known by "${anyId}" in this workspace`);
  const identities = parseJson(row.related_identities) as [string, string, number][];
  return {
    row,
    identities: identities.map(([type, value, firstSeen]) => ({ type, value, firstSeen: Number(firstSeen) })),
    mergedFrom: (row.related_merged as string[] | null) ?? [],
  };
}

/** PostgreSQL's driver parses json columns; PGlite may hand them over as text. */
function parseJson(v: unknown): unknown {
  return typeof v === 'string' ? JSON.parse(v) : v;
}
