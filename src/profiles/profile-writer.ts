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

/** `col = excluded.col` for every column but the key: what an upsert of a whole row sets. */
const UPDATE_SET = COLUMNS.split(',')
  .map((c) => c.trim())
  .filter((c) => c !== 'workspace_id' && c !== 'profile_id')
  .map((c) => `${c} = excluded.${c}`)
  .join(', ');

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
    d.traits = Object.assign(Object.create(null), r.traits as Record<string, TimedValue> | null);
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
    d.categories = Object.assign(Object.create(null), r.categories as Record<string, number> | null);
    d.recent = JSON.parse(String(r.recent ?? '[]')) as RecentEvent[];
    out.set(key(d.workspaceId, d.profileId), d);
  }
  return out;
}

/**
 * Writes whole rows in one statement: the rows travel as one JSON document, unpacked in SQL by
 * `jsonb_to_recordset`, then `INSERT … ON CONFLICT DO UPDATE`. One text parameter, rather than
 * a text array per column, because the client library builds array literals character by
 * character in JavaScript: for PGlite that was about half the worker's CPU and most of its
 * garbage (measured at 6,000 rows: 2.1 s of CPU as arrays, 1.1 s as one document).
 */
async function writeRows(tx: Sql, rows: ProfileDelta[]): Promise<void> {
  if (rows.length === 0) return;
  for (const d of rows) trimRecent(d);
  const finite = (n: number) => (Number.isFinite(n) ? n : null);
  // JSON has no Infinity or NaN; as text, float8 reads them ("Infinity"), as before.
  const float = (n: number) => (Number.isFinite(n) ? n : String(n));
  const doc = JSON.stringify(
    rows.map((d) => ({
      ws: d.workspaceId,
      pid: d.profileId,
      uid: d.userId,
      uat: finite(d.userIdAt),
      tr: d.traits,
      fs: finite(d.firstSeen),
      ls: finite(d.lastSeen),
      ec: d.eventCount,
      ad: [...d.activeDays].sort((a, b) => b - a),
      oc: d.orderCount,
      sp: float(d.totalSpend),
      rc: d.refundCount,
      rt: float(d.refundTotal),
      fo: d.firstOrderAt,
      lo: d.lastOrderAt,
      ca: d.categories,
      re: JSON.stringify(d.recent),
    })),
  );
  await tx.query(
    `INSERT INTO profiles (${COLUMNS})
     SELECT ws, pid, uid, uat, tr, fs, ls, ec, ad, oc, sp, rc, rt, fo, lo, ca, re
     FROM jsonb_to_recordset($1::jsonb)
       AS t(ws text, pid text, uid text, uat bigint, tr jsonb, fs bigint, ls bigint, ec bigint, ad int[],
            oc bigint, sp float8, rc bigint, rt float8, fo bigint, lo bigint, ca jsonb, re text)
     ON CONFLICT (workspace_id, profile_id) DO UPDATE SET ${UPDATE_SET}, updated_at = now()`,
    [doc],
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
