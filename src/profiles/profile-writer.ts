import type { Sql } from '../stores/state/state-store.js';
import type { Merge } from './identity-resolver.js';
import { type ProfileDelta, trimRecent } from './profile-delta.js';

/** How a stored row absorbs another (a batch's delta, or a merged-away profile). */
const MERGE_SET = `
  user_id = coalesce(profiles.user_id, excluded.user_id),
  traits = tailor_merge_traits(profiles.traits, excluded.traits),
  first_seen = least(profiles.first_seen, excluded.first_seen),
  last_seen = greatest(profiles.last_seen, excluded.last_seen),
  event_count = profiles.event_count + excluded.event_count,
  active_days = tailor_merge_days(profiles.active_days, excluded.active_days),
  order_count = profiles.order_count + excluded.order_count,
  total_spend = profiles.total_spend + excluded.total_spend,
  refund_count = profiles.refund_count + excluded.refund_count,
  refund_total = profiles.refund_total + excluded.refund_total,
  first_order_at = least(profiles.first_order_at, excluded.first_order_at),
  last_order_at = greatest(profiles.last_order_at, excluded.last_order_at),
  categories = tailor_merge_counts(profiles.categories, excluded.categories),
  recent = tailor_merge_recent(profiles.recent, excluded.recent),
  updated_at = now()`;

const COLUMNS = `workspace_id, profile_id, user_id, traits, first_seen, last_seen, event_count, active_days,
  order_count, total_spend, refund_count, refund_total, first_order_at, last_order_at, categories, recent`;

/**
 * Adds each delta to its profile row (creating it if new), in one statement:
 *
 *   INSERT INTO profiles (…) SELECT … FROM unnest($1::text[], …)
 *   ON CONFLICT (workspace_id, profile_id) DO UPDATE SET event_count = profiles.event_count + excluded.event_count, …
 */
export async function upsertDeltas(tx: Sql, deltas: ProfileDelta[]): Promise<void> {
  if (deltas.length === 0) return;
  for (const d of deltas) trimRecent(d);
  const finite = (n: number) => (Number.isFinite(n) ? n : null);
  await tx.query(
    `INSERT INTO profiles (${COLUMNS})
     SELECT ws, pid, uid, tr::jsonb, fs, ls, ec, ad::int[], oc, sp, rc, rt, fo, lo, ca::jsonb, re::jsonb
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::bigint[], $8::text[],
                 $9::bigint[], $10::float8[], $11::bigint[], $12::float8[], $13::bigint[], $14::bigint[], $15::text[], $16::text[])
       AS t(ws, pid, uid, tr, fs, ls, ec, ad, oc, sp, rc, rt, fo, lo, ca, re)
     ORDER BY ws, pid
     ON CONFLICT (workspace_id, profile_id) DO UPDATE SET ${MERGE_SET}`,
    [
      deltas.map((d) => d.workspaceId),
      deltas.map((d) => d.profileId),
      deltas.map((d) => d.userId),
      deltas.map((d) => JSON.stringify(d.traits)),
      deltas.map((d) => finite(d.firstSeen)),
      deltas.map((d) => finite(d.lastSeen)),
      deltas.map((d) => d.eventCount),
      deltas.map((d) => `{${[...d.activeDays].sort((a, b) => b - a).join(',')}}`),
      deltas.map((d) => d.orderCount),
      deltas.map((d) => d.totalSpend),
      deltas.map((d) => d.refundCount),
      deltas.map((d) => d.refundTotal),
      deltas.map((d) => d.firstOrderAt),
      deltas.map((d) => d.lastOrderAt),
      deltas.map((d) => JSON.stringify(d.categories)),
      deltas.map((d) => JSON.stringify(d.recent)),
    ],
  );
}

/**
 * Folds each merged-away profile's row into the surviving one and marks it merged (rows that
 * were merged into it earlier now point at the survivor too). Returns every (from → into)
 * pair whose target changed, for the event store's copy of the merge table.
 */
export async function mergeProfileRows(tx: Sql, merges: Merge[]): Promise<{ workspaceId: string; fromProfile: string; intoProfile: string; at: number }[]> {
  const changed: { workspaceId: string; fromProfile: string; intoProfile: string; at: number }[] = [];
  for (const m of merges) {
    await tx.query(
      `INSERT INTO profiles (${COLUMNS})
       SELECT workspace_id, $3, user_id, traits, first_seen, last_seen, event_count, active_days,
              order_count, total_spend, refund_count, refund_total, first_order_at, last_order_at, categories, recent
       FROM profiles WHERE workspace_id = $1 AND profile_id = $2 AND merged_into IS NULL
       ON CONFLICT (workspace_id, profile_id) DO UPDATE SET ${MERGE_SET}`,
      [m.workspaceId, m.fromProfile, m.intoProfile],
    );
    const moved = await tx.query<{ profile_id: string }>(
      `UPDATE profiles SET merged_into = $3, updated_at = now()
       WHERE workspace_id = $1 AND (profile_id = $2 OR merged_into = $2) RETURNING profile_id`,
      [m.workspaceId, m.fromProfile, m.intoProfile],
    );
    const ids = new Set([m.fromProfile, ...moved.map((r) => r.profile_id)]);
    for (const id of ids) changed.push({ workspaceId: m.workspaceId, fromProfile: id, intoProfile: m.intoProfile, at: m.at });
  }
  return changed;
}
