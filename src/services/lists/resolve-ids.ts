import { normalizeEmail, normalizePhone } from '../../core/normalize.js';
import type { Ctx } from '../context.js';

/**
 * Surviving profile ids for uploaded ids: each may be a profile id, a user or anonymous id,
 * an email or a phone number (normalised as on profiles). Returns the distinct profiles found
 * and the ids that matched none, in upload order.
 */
export async function resolveIds(
  ctx: Ctx,
  ids: readonly string[],
): Promise<{ profileIds: string[]; unmatched: string[] }> {
  const state = ctx.tailor.state;
  const ws = ctx.workspaceId;
  const region = ctx.tailor.settings.profileSettings(ws).phoneRegion;
  const values = [...new Set(ids.map((v) => v.trim()).filter((v) => v.length > 0))];
  const found = new Map<string, string>();
  const collect = (rows: { v: string; pid: string }[]) => {
    for (const r of rows) if (!found.has(r.v)) found.set(r.v, r.pid);
  };
  for (let i = 0; i < values.length; i += 20_000) {
    const chunk = values.slice(i, i + 20_000);
    collect(
      await state.query(
        `SELECT x.v, coalesce(p.merged_into, p.profile_id) AS pid FROM unnest($2::text[]) AS x(v)
         JOIN profiles p ON p.workspace_id = $1 AND p.profile_id = x.v
         UNION ALL
         SELECT x.v, coalesce(p.merged_into, p.profile_id) FROM unnest($2::text[]) AS x(v)
         JOIN identities i ON i.workspace_id = $1 AND i.id_value = x.v
         JOIN profiles p ON p.workspace_id = $1 AND p.profile_id = i.profile_id`,
        [ws, chunk],
      ),
    );
    const rest = chunk.filter((v) => !found.has(v));
    const byEmail = new Map<string, string>();
    const byPhone = new Map<string, string>();
    for (const v of rest) {
      const email = normalizeEmail(v);
      if (email) byEmail.set(email, v);
      else {
        const phone = normalizePhone(v, region);
        if (phone) byPhone.set(phone, v);
      }
    }
    for (const [column, map] of [
      ['email', byEmail],
      ['phone', byPhone],
    ] as const) {
      if (map.size === 0) continue;
      const rows = await state.query<{ k: string; pid: string }>(
        `SELECT DISTINCT ON (p.${column}) p.${column} AS k, p.profile_id AS pid
         FROM profiles p WHERE p.workspace_id = $1 AND p.merged_into IS NULL AND p.${column} = ANY($2::text[])
         ORDER BY p.${column}, p.last_seen DESC NULLS LAST`,
        [ws, [...map.keys()]],
      );
      collect(rows.map((r) => ({ v: map.get(r.k)!, pid: r.pid })));
    }
  }
  return {
    profileIds: [...new Set(found.values())],
    unmatched: values.filter((v) => !found.has(v)),
  };
}
