import type { Sql } from '../stores/state/state-store.js';
import type { Merge } from './identity-resolver.js';
import {
  emptyDelta,
  mergeInto,
  type ProfileDelta,
  type RecentEvent,
  type TimedValue,
  trimRecent,
} from './profile-delta.js';
import type { SingleWriterCache } from './single-writer-cache.js';

const COLUMNS = `workspace_id, profile_id, user_id, user_id_at, traits, first_seen, last_seen, event_count, active_days,
  order_count, total_spend, refund_count, refund_total, first_order_at, last_order_at, categories, recent`;

const key = (ws: string, pid: string) => `${ws}\u0000${pid}`;

/** Reads stored profile rows (not merged away) into the same shape as a delta; cached rows are not read again. */
async function loadRows(
  tx: Sql,
  wanted: { workspaceId: string; profileId: string }[],
  cache?: SingleWriterCache,
): Promise<Map<string, ProfileDelta>> {
  const out = new Map<string, ProfileDelta>();
  const keys: { workspaceId: string; profileId: string }[] = [];
  for (const k of wanted) {
    const hit = cache?.row(k.workspaceId, k.profileId);
    if (hit) out.set(key(k.workspaceId, k.profileId), hit);
    else keys.push(k);
  }
  if (keys.length === 0) return out;
  const rows = await tx.query<Record<string, unknown>>(
    `SELECT ${COLUMNS} FROM profiles
     WHERE merged_into IS NULL AND (workspace_id, profile_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
    [keys.map((k) => k.workspaceId), keys.map((k) => k.profileId)],
  );
  for (const r of rows) {
    const d = emptyDelta(String(r.workspace_id), String(r.profile_id));
    const num = (v: unknown, dflt: number) => (v === null || v === undefined ? dflt : Number(v));
    d.userId = (r.user_id as string | null) ?? null;
    d.userIdAt = num(r.user_id_at, Number.NEGATIVE_INFINITY);
    d.traits = (r.traits as Record<string, TimedValue>) ?? {};
    d.firstSeen = num(r.first_seen, Number.POSITIVE_INFINITY);
    d.lastSeen = num(r.last_seen, Number.NEGATIVE_INFINITY);
    d.eventCount = num(r.event_count, 0);
    d.activeDays = new Set((r.active_days as number[] | null) ?? []);
    d.orderCount = num(r.order_count, 0);
    d.totalSpend = num(r.total_spend, 0);
    d.refundCount = num(r.refund_count, 0);
    d.refundTotal = num(r.refund_total, 0);
    d.firstOrderAt = r.first_order_at === null ? null : Number(r.first_order_at);
    d.lastOrderAt = r.last_order_at === null ? null : Number(r.last_order_at);
    d.categories = (r.categories as Record<string, number>) ?? {};
    d.recent = JSON.parse(String(r.recent ?? '[]')) as RecentEvent[];
    out.set(key(d.workspaceId, d.profileId), d);
  }
  return out;
}

/** Writes whole rows in one statement (INSERT … SELECT FROM unnest(…) ON CONFLICT DO UPDATE). */
async function writeRows(tx: Sql, rows: ProfileDelta[]): Promise<void> {
  if (rows.length === 0) return;
  for (const d of rows) trimRecent(d);
  const finite = (n: number) => (Number.isFinite(n) ? n : null);
  const set = COLUMNS.split(',')
    .map((c) => c.trim())
    .filter((c) => c !== 'workspace_id' && c !== 'profile_id')
    .map((c) => `${c} = excluded.${c}`)
    .join(', ');
  await tx.query(
    `INSERT INTO profiles (${COLUMNS})
     SELECT ws, pid, uid, uat, tr::jsonb, fs, ls, ec, ad::int[], oc, sp, rc, rt, fo, lo, ca::jsonb, re
     FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::bigint[], $7::bigint[], $8::bigint[], $9::text[],
                 $10::bigint[], $11::float8[], $12::bigint[], $13::float8[], $14::bigint[], $15::bigint[], $16::text[], $17::text[])
       AS t(ws, pid, uid, uat, tr, fs, ls, ec, ad, oc, sp, rc, rt, fo, lo, ca, re)
     ON CONFLICT (workspace_id, profile_id) DO UPDATE SET ${set}, updated_at = now()`,
    [
      rows.map((d) => d.workspaceId),
      rows.map((d) => d.profileId),
      rows.map((d) => d.userId),
      rows.map((d) => finite(d.userIdAt)),
      rows.map((d) => JSON.stringify(d.traits)),
      rows.map((d) => finite(d.firstSeen)),
      rows.map((d) => finite(d.lastSeen)),
      rows.map((d) => d.eventCount),
      rows.map((d) => `{${[...d.activeDays].sort((a, b) => b - a).join(',')}}`),
      rows.map((d) => d.orderCount),
      rows.map((d) => d.totalSpend),
      rows.map((d) => d.refundCount),
      rows.map((d) => d.refundTotal),
      rows.map((d) => d.firstOrderAt),
      rows.map((d) => d.lastOrderAt),
      rows.map((d) => JSON.stringify(d.categories)),
      rows.map((d) => JSON.stringify(d.recent)),
    ],
  );
}

export interface MergeMirrorRow {
  workspaceId: string;
  fromProfile: string;
  intoProfile: string;
  at: number;
}

/**
 * Applies a batch to the profile rows: first the batch's profile merges (the merged-away row
 * is folded into the survivor and marked `merged_into`; rows merged into it earlier now point
 * at the survivor too), then each delta. Read, merge in memory (`mergeInto`), write back: the
 * caller's transaction (and, with PostgreSQL, the per-workspace lock) makes that safe.
 *
 * Returns every (from → into) pair whose target changed, for the event store's merge table,
 * and the rows written (for the caller's cache, once the transaction commits).
 */
export async function applyToProfiles(
  tx: Sql,
  merges: Merge[],
  deltas: ProfileDelta[],
  cache?: SingleWriterCache,
): Promise<{ mirror: MergeMirrorRow[]; written: ProfileDelta[] }> {
  const wanted = [
    ...merges.flatMap((m) => [
      { workspaceId: m.workspaceId, profileId: m.fromProfile },
      { workspaceId: m.workspaceId, profileId: m.intoProfile },
    ]),
    ...deltas,
  ];
  const rows = await loadRows(tx, wanted, cache);
  const mirror: MergeMirrorRow[] = [];
  for (const m of merges) {
    const from = rows.get(key(m.workspaceId, m.fromProfile));
    if (from) {
      const intoKey = key(m.workspaceId, m.intoProfile);
      const into = rows.get(intoKey) ?? emptyDelta(m.workspaceId, m.intoProfile);
      mergeInto(into, from);
      rows.set(intoKey, into);
      rows.delete(key(m.workspaceId, m.fromProfile));
    }
    const moved = await tx.query<{ profile_id: string }>(
      `UPDATE profiles SET merged_into = $3, updated_at = now()
       WHERE workspace_id = $1 AND (profile_id = $2 OR merged_into = $2) RETURNING profile_id`,
      [m.workspaceId, m.fromProfile, m.intoProfile],
    );
    const ids = new Set([m.fromProfile, ...moved.map((r) => r.profile_id)]);
    for (const id of ids)
      mirror.push({ workspaceId: m.workspaceId, fromProfile: id, intoProfile: m.intoProfile, at: m.at });
  }
  const touched = new Map<string, ProfileDelta>();
  for (const m of merges) {
    const k = key(m.workspaceId, m.intoProfile);
    const r = rows.get(k);
    if (r) touched.set(k, r);
  }
  for (const d of deltas) {
    const k = key(d.workspaceId, d.profileId);
    const row = rows.get(k);
    if (row) {
      mergeInto(row, d);
      touched.set(k, row);
    } else {
      touched.set(k, d);
    }
  }
  const written = [...touched.values()];
  await writeRows(tx, written);
  return { mirror, written };
}
