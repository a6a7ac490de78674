import { createHash } from 'node:crypto';
import { usableId } from '../core/ids.js';
import type { EventRecord } from '../ingest/event-record.js';
import type { Sql } from '../stores/state/state-store.js';
import type { SingleWriterCache } from './single-writer-cache.js';

export type IdType = 'user' | 'anon';

export interface Merge {
  workspaceId: string;
  fromProfile: string;
  intoProfile: string;
  reason: 'identify' | 'alias';
  messageId: string;
  at: number;
}

export interface Conflict {
  workspaceId: string;
  profileA: string;
  profileB: string;
  idType: IdType;
  idValue: string;
  messageId: string;
  at: number;
}

export interface Resolution {
  merges: Merge[];
  /** Identities read from the store (for the caller's cache, once the transaction commits). */
  loaded: { workspaceId: string; idType: IdType; idValue: string; profileId: string }[];
  conflicts: Conflict[];
  newIds: { workspaceId: string; idType: IdType; idValue: string; profileId: string; firstSeen: number }[];
}

/**
 * A new profile's id is derived from the first id it was seen with, so two processes (or a
 * replay) meeting the same new id name the same profile.
 */
export function profileIdFor(workspaceId: string, idType: IdType, idValue: string): string {
  const h = createHash('sha256').update(`${workspaceId}\u0000${idType}\u0000${idValue}`).digest('base64url');
  return `p_${h.slice(0, 22)}`;
}

const k2 = (ws: string, v: string) => `${ws}\u0000${v}`;
const k3 = (ws: string, t: IdType, v: string) => `${ws}\u0000${t}\u0000${v}`;

/**
 * Attributes each event to a profile (sets `profileId`), stitching identities:
 *
 * - an event's `userId` and `anonymousId` belong to the same person, so an anonymous profile
 *   met together with a user id is merged into that user's profile;
 * - `alias(previousId → userId)` merges previousId's profile into userId's, even when both are
 *   identified: alias is the explicit instruction that they are one person;
 * - two profiles that each carry a user id are never merged implicitly: if an anonymous id
 *   already belongs to user B and arrives with user A (a shared device), the event goes to A,
 *   the anonymous id stays with B, and the refused merge is recorded in identity_conflicts;
 * - junk ids ("null", "0", "anonymous"…; see core/ids.ts) are never used.
 *
 * Reads run inside the caller's transaction; `write` decides whether new ids, merges and
 * conflicts are written (false when replaying events the state store already has).
 */
export async function resolveIdentities(
  tx: Sql,
  events: EventRecord[],
  write: boolean,
  cache?: SingleWriterCache,
): Promise<Resolution> {
  const byKey = new Map<string, string>(); // ws|type|value → profile
  const byValue = new Map<string, string>(); // ws|value → profile (for alias previousId, of any type)
  const identified = new Set<string>(); // ws|profile that has a user id
  const forward = new Map<string, string>(); // ws|profile merged away → ws-less surviving profile id
  const res: Resolution = { merges: [], loaded: [], conflicts: [], newIds: [] };

  // 1. What is already known: from the cache when there is one, else (and for misses) the store.
  const wsList: string[] = [];
  const values: string[] = [];
  const asked = new Set<string>();
  const checkIdentified = new Map<string, [string, string]>();
  const need = (ws: string, t: IdType, v: string | undefined) => {
    if (v === undefined || asked.has(k3(ws, t, v))) return;
    asked.add(k3(ws, t, v));
    const cached = cache?.profileOf(ws, t, v);
    if (cached === undefined) {
      wsList.push(ws);
      values.push(v);
      return;
    }
    byKey.set(k3(ws, t, v), cached);
    if (!byValue.has(k2(ws, v))) byValue.set(k2(ws, v), cached);
    if (t === 'user' || cache!.isIdentified(ws, cached)) identified.add(k2(ws, cached));
    else checkIdentified.set(k2(ws, cached), [ws, cached]);
  };
  for (const e of events) {
    const prev = e.type === 'alias' ? usableId(e.previousId) : undefined;
    // An alias's previousId may be of either type, so it is always looked up in the store.
    if (prev !== undefined && !asked.has(k2(e.workspaceId, prev))) {
      asked.add(k2(e.workspaceId, prev));
      wsList.push(e.workspaceId);
      values.push(prev);
    }
    need(e.workspaceId, 'user', usableId(e.userId));
    need(e.workspaceId, 'anon', usableId(e.anonymousId));
  }
  if (values.length > 0) {
    const rows = await tx.query<{
      workspace_id: string;
      id_type: IdType;
      id_value: string;
      profile_id: string;
    }>(
      `SELECT i.workspace_id, i.id_type, i.id_value, i.profile_id FROM identities i
       WHERE (i.workspace_id, i.id_value) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
      [wsList, values],
    );
    for (const r of rows) {
      byKey.set(k3(r.workspace_id, r.id_type, r.id_value), r.profile_id);
      byValue.set(k2(r.workspace_id, r.id_value), r.profile_id);
      if (!identified.has(k2(r.workspace_id, r.profile_id)))
        checkIdentified.set(k2(r.workspace_id, r.profile_id), [r.workspace_id, r.profile_id]);
      res.loaded.push({
        workspaceId: r.workspace_id,
        idType: r.id_type,
        idValue: r.id_value,
        profileId: r.profile_id,
      });
    }
  }
  if (checkIdentified.size > 0) {
    const pairs = [...checkIdentified.values()];
    const users = await tx.query<{ workspace_id: string; profile_id: string }>(
      `SELECT DISTINCT workspace_id, profile_id FROM identities
       WHERE id_type = 'user' AND (workspace_id, profile_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
      [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
    );
    for (const u of users) identified.add(k2(u.workspace_id, u.profile_id));
  }

  const current = (ws: string, p: string): string => {
    let q = p;
    for (let next = forward.get(k2(ws, q)); next !== undefined; next = forward.get(k2(ws, q))) q = next;
    return q;
  };
  const lookup = (ws: string, t: IdType, v: string) => {
    const p = byKey.get(k3(ws, t, v));
    return p === undefined ? undefined : current(ws, p);
  };
  const attach = (e: EventRecord, t: IdType, v: string, p: string) => {
    byKey.set(k3(e.workspaceId, t, v), p);
    if (!byValue.has(k2(e.workspaceId, v))) byValue.set(k2(e.workspaceId, v), p);
    if (t === 'user') identified.add(k2(e.workspaceId, p));
    res.newIds.push({
      workspaceId: e.workspaceId,
      idType: t,
      idValue: v,
      profileId: p,
      firstSeen: e.timestamp,
    });
  };
  const merge = (e: EventRecord, from: string, into: string, reason: Merge['reason']) => {
    forward.set(k2(e.workspaceId, from), into);
    if (identified.has(k2(e.workspaceId, from))) identified.add(k2(e.workspaceId, into));
    res.merges.push({
      workspaceId: e.workspaceId,
      fromProfile: from,
      intoProfile: into,
      reason,
      messageId: e.messageId,
      at: e.receivedAt,
    });
  };

  for (const e of events) {
    const ws = e.workspaceId;
    const user = usableId(e.userId);
    if (e.type === 'alias') {
      const prev = usableId(e.previousId)!;
      const pPrevRaw = byValue.get(k2(ws, prev));
      const pPrev = pPrevRaw === undefined ? undefined : current(ws, pPrevRaw);
      const pUser = lookup(ws, 'user', user!);
      let p: string;
      if (pUser && pPrev && pUser !== pPrev) {
        merge(e, pPrev, pUser, 'alias');
        p = pUser;
      } else {
        p = pUser ?? pPrev ?? profileIdFor(ws, 'user', user!);
        if (!pUser) attach(e, 'user', user!, p);
        if (!pPrev) attach(e, 'user', prev, p);
      }
      e.profileId = p;
      continue;
    }
    const anon = usableId(e.anonymousId);
    const pUser = user === undefined ? undefined : lookup(ws, 'user', user);
    const pAnon = anon === undefined ? undefined : lookup(ws, 'anon', anon);
    let p: string;
    if (user !== undefined && anon !== undefined) {
      if (pUser && pAnon && pUser !== pAnon) {
        if (identified.has(k2(ws, pAnon))) {
          res.conflicts.push({
            workspaceId: ws,
            profileA: pAnon,
            profileB: pUser,
            idType: 'anon',
            idValue: anon,
            messageId: e.messageId,
            at: e.receivedAt,
          });
        } else {
          merge(e, pAnon, pUser, 'identify');
        }
        p = pUser;
      } else if (pUser) {
        p = pUser;
        if (!pAnon) attach(e, 'anon', anon, p);
      } else if (pAnon && !identified.has(k2(ws, pAnon))) {
        p = pAnon;
        attach(e, 'user', user, p);
      } else {
        p = profileIdFor(ws, 'user', user);
        attach(e, 'user', user, p);
        if (pAnon) {
          res.conflicts.push({
            workspaceId: ws,
            profileA: pAnon,
            profileB: p,
            idType: 'anon',
            idValue: anon,
            messageId: e.messageId,
            at: e.receivedAt,
          });
        } else {
          attach(e, 'anon', anon, p);
        }
      }
    } else if (user !== undefined) {
      p = pUser ?? profileIdFor(ws, 'user', user);
      if (!pUser) attach(e, 'user', user, p);
    } else {
      p = pAnon ?? profileIdFor(ws, 'anon', anon!);
      if (!pAnon) attach(e, 'anon', anon!, p);
    }
    e.profileId = p;
  }

  // Attribute everything to the profile that survived this batch's merges.
  for (const e of events) e.profileId = current(e.workspaceId, e.profileId);
  for (const n of res.newIds) n.profileId = current(n.workspaceId, n.profileId);
  for (const m of res.merges) m.intoProfile = current(m.workspaceId, m.intoProfile);
  if (write) await writeResolution(tx, res);
  return res;
}

async function writeResolution(tx: Sql, res: Resolution): Promise<void> {
  if (res.newIds.length > 0) {
    await tx.query(
      `INSERT INTO identities (workspace_id, id_type, id_value, profile_id, first_seen)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[])
       ON CONFLICT DO NOTHING`,
      [
        res.newIds.map((n) => n.workspaceId),
        res.newIds.map((n) => n.idType),
        res.newIds.map((n) => n.idValue),
        res.newIds.map((n) => n.profileId),
        res.newIds.map((n) => n.firstSeen),
      ],
    );
  }
  for (const m of res.merges) {
    await tx.query(`UPDATE identities SET profile_id = $3 WHERE workspace_id = $1 AND profile_id = $2`, [
      m.workspaceId,
      m.fromProfile,
      m.intoProfile,
    ]);
    await tx.query(
      `INSERT INTO profile_merges (workspace_id, from_profile, into_profile, reason, message_id, at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [m.workspaceId, m.fromProfile, m.intoProfile, m.reason, m.messageId, m.at],
    );
  }
  for (const c of res.conflicts) {
    await tx.query(
      `INSERT INTO identity_conflicts (workspace_id, profile_a, profile_b, id_type, id_value, message_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [c.workspaceId, c.profileA, c.profileB, c.idType, c.idValue, c.messageId, c.at],
    );
  }
}
