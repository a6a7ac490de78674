import { EventEmitter } from 'node:events';
import { resolveIdentities } from '../profiles/identity-resolver.js';
import { emptyDelta, foldEvent, type ProfileDelta } from '../profiles/profile-delta.js';
import { applyToProfiles, type MergeMirrorRow } from '../profiles/profile-writer.js';
import type { ProfileSettings } from '../profiles/settings.js';
import { SingleWriterCache } from '../profiles/single-writer-cache.js';
import type { EventStore } from '../stores/events/event-store.js';
import type { Sql, StateStore } from '../stores/state/state-store.js';
import type { EventRecord } from './event-record.js';
import { findPoison, loadSetAside, type Placed, type Poison, placeKey, recordDeadLetters } from './poison.js';
import type { Spool } from './spool.js';
import { decodeRecords } from './spool-codec.js';

interface Item {
  lsn: number;
  records: EventRecord[];
}

export interface ApplierDeps {
  state: StateStore;
  events: EventStore;
  spool: Spool;
  /** Checkpoint name, unique per spool (one per Tailor process that ingests). */
  name: string;
  settingsFor: (workspaceId: string) => ProfileSettings;
  onError?: (e: unknown) => void;
  /** Events set aside because a store refused them on their own (see `isolateFailing`). */
  onSetAside?: (poison: readonly Poison[]) => void;
  /**
   * Least time between the starts of two batches while events keep coming. A busy profile is
   * then written once per interval rather than once per request: under load that is most of the
   * state store's work. An event arriving after a quiet spell is applied at once.
   */
  lingerMs?: number;
}

// Under load batches grow up to this, so a busy profile is written once per batch, not once per request.
const MAX_BATCH_EVENTS = 200_000;
/** Consecutive failures of a batch after which (and every 10th after that) it is searched for events to set aside. */
const ISOLATE_AFTER = 3;

/**
 * Moves acknowledged events from the spool into the stores, in LSN order, one batch at a time:
 *
 * 1. state store, one transaction: identity stitching, profile merges, profile deltas, and the
 *    state checkpoint;
 * 2. event store: the events (attributed to their profiles) and the event checkpoint.
 *
 * Each store skips records at or below its own checkpoint, so after a crash at any point the
 * replay from the spool applies every event to each store exactly once.
 *
 * Emits `applied` with the events of each batch once both stores have them, and the profile
 * merges the batch made (merged-away → surviving profile).
 */
export class Applier extends EventEmitter<{ applied: [EventRecord[], MergeMirrorRow[]] }> {
  private queue: Item[] = [];
  private queued = 0;
  private stateLsn = 0;
  private eventsLsn = 0;
  private recoverUntil = 0;
  private running: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private stopped = false;
  private paused = false;
  private idleWaiters: (() => void)[] = [];
  appliedEvents = 0;
  failures = 0;
  batches = 0;
  profileRowsWritten = 0;
  /** Events set aside since start. */
  setAside = 0;
  private lastStart = 0;
  /** Spool places (`placeKey` → LSN) of events set aside in `dead_letters`: never applied. */
  private skipped = new Map<string, number>();
  /** Only with PGlite, where this process is the sole writer (see single-writer-cache.ts). */
  private readonly cache: SingleWriterCache | undefined;

  constructor(private readonly deps: ApplierDeps) {
    super();
    this.cache = deps.state.kind === 'pglite' ? new SingleWriterCache() : undefined;
  }

  /** Loads checkpoints and queues whatever the spool holds beyond them. Returns replayed records. */
  async recover(): Promise<EventRecord[]> {
    const { state, events, spool, name } = this.deps;
    const rows = await state.query<{ lsn: number }>('SELECT lsn FROM checkpoints WHERE name = $1', [name]);
    this.stateLsn = Number(rows[0]?.lsn ?? 0);
    this.eventsLsn = await events.checkpoint(name);
    const from = Math.min(this.stateLsn, this.eventsLsn);
    this.skipped = await loadSetAside(state, name, from);
    const replayed: EventRecord[] = [];
    for (const rec of spool.replay(from)) {
      const records = decodeRecords(rec.payload.toString('utf8'));
      this.push({ lsn: rec.lsn, records });
      replayed.push(...records);
    }
    this.recoverUntil = spool.end;
    if (this.eventsLsn < this.stateLsn) await this.copyMergesToEventStore();
    return replayed;
  }

  /**
   * A crash between the state commit and the event-store write can lose the event store's
   * copy of that batch's merges; the state store has them all, so copy them over again.
   */
  private async copyMergesToEventStore(): Promise<void> {
    const { state, events } = this.deps;
    const rows = await state.query<{ workspace_id: string; profile_id: string; merged_into: string }>(
      'SELECT workspace_id, profile_id, merged_into FROM profiles WHERE merged_into IS NOT NULL',
    );
    const at = Date.now();
    for (let i = 0; i < rows.length; i += 10_000) {
      await events.recordMerges(
        rows.slice(i, i + 10_000).map((r) => ({
          workspaceId: r.workspace_id,
          fromProfile: r.profile_id,
          intoProfile: r.merged_into,
          at,
        })),
      );
    }
  }

  start(): void {
    this.running ??= this.loop();
  }

  enqueue(lsn: number, records: EventRecord[]): void {
    this.push({ lsn, records });
    this.wake?.();
  }

  /** Events acknowledged but not yet in both stores. */
  get backlog(): number {
    return this.queued;
  }

  /** LSN up to which both stores have every event. */
  get appliedLsn(): number {
    return Math.min(this.stateLsn, this.eventsLsn);
  }

  /** Resolves once everything queued so far is applied. */
  idle(): Promise<void> {
    if (this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve);
      this.wake?.();
    });
  }

  /**
   * Applies what is queued, then stops. If the stores keep failing it gives up after
   * `timeoutMs`: what was not applied stays in the spool and is applied at the next start.
   */
  async stop(timeoutMs = 30_000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.idle(), new Promise<void>((r) => (timer = setTimeout(r, timeoutMs)))]);
    clearTimeout(timer);
    this.stopped = true;
    this.wake?.();
    await this.running;
  }

  /** Holds applying (events are still acknowledged and spooled, up to the backlog limit). */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.wake?.();
  }

  private push(item: Item): void {
    this.queue.push(item);
    this.queued += item.records.length;
  }

  private async loop(): Promise<void> {
    let backoff = 100;
    let failuresInARow = 0;
    while (!this.stopped) {
      if (this.queue.length === 0 || this.paused) {
        if (this.queue.length === 0) for (const w of this.idleWaiters.splice(0)) w();
        await new Promise<void>((r) => {
          this.wake = r;
        });
        this.wake = undefined;
        continue;
      }
      const wait = this.lastStart + (this.deps.lingerMs ?? 0) - performance.now();
      if (wait > 0 && this.queued < MAX_BATCH_EVENTS && this.idleWaiters.length === 0) {
        await new Promise<void>((r) => {
          const t = setTimeout(r, wait);
          this.wake = () => {
            if (this.queued >= MAX_BATCH_EVENTS || this.stopped || this.idleWaiters.length > 0) {
              clearTimeout(t);
              r();
            }
          };
        });
        this.wake = undefined;
        continue;
      }
      this.lastStart = performance.now();
      let n = 0;
      let take = 0;
      while (
        take < this.queue.length &&
        (take === 0 || n + this.queue[take]!.records.length <= MAX_BATCH_EVENTS)
      ) {
        n += this.queue[take]!.records.length;
        take++;
      }
      const batch = this.queue.slice(0, take);
      try {
        await this.apply(batch);
        this.queue.splice(0, take);
        this.queued -= n;
        backoff = 100;
        failuresInARow = 0;
      } catch (e) {
        this.failures++;
        failuresInARow++;
        this.deps.onError?.(e);
        if (failuresInARow % 10 === ISOLATE_AFTER)
          await this.isolateFailing(batch).catch((err) => this.deps.onError?.(err));
        await new Promise((r) => setTimeout(r, backoff));
        backoff = Math.min(backoff * 2, 5000);
      }
    }
    for (const w of this.idleWaiters.splice(0)) w();
  }

  private async apply(batch: Item[]): Promise<void> {
    const { state, events, name } = this.deps;
    const lsn = batch.at(-1)!.lsn;
    // Records the state store already has but the event store lacks come first in LSN order.
    const replayOnly = batch
      .filter((i) => i.lsn > this.eventsLsn && i.lsn <= this.stateLsn)
      .flatMap((i) => this.kept(i));
    const fresh = batch.filter((i) => i.lsn > this.stateLsn).flatMap((i) => this.kept(i));

    let mirror: MergeMirrorRow[] = [];
    if (replayOnly.length > 0) {
      await state.transaction((tx) => resolveIdentities(tx, replayOnly, false, this.cache));
    }
    if (fresh.length > 0) {
      const cache = this.cache;
      const { res, applied } = await state
        .transaction(async (tx) => {
          await lockWorkspaces(state.kind, tx, fresh);
          const res = await resolveIdentities(tx, fresh, true, cache);
          const applied = await applyToProfiles(tx, res.merges, this.fold(fresh), cache);
          await tx.query(
            `INSERT INTO checkpoints (name, lsn) VALUES ($1, $2)
             ON CONFLICT (name) DO UPDATE SET lsn = greatest(checkpoints.lsn, excluded.lsn)`,
            [name, lsn],
          );
          return { res, applied };
        })
        .catch((e) => {
          // Cached rows were changed in place for a batch that did not commit.
          cache?.clear();
          throw e;
        });
      if (cache) {
        for (const i of res.loaded) cache.rememberId(i.workspaceId, i.idType, i.idValue, i.profileId);
        for (const i of res.newIds) cache.rememberId(i.workspaceId, i.idType, i.idValue, i.profileId);
        for (const m of res.merges) cache.rememberMerge(m.workspaceId, m.fromProfile, m.intoProfile);
        for (const r of applied.written) cache.rememberRow(r);
      }
      this.profileRowsWritten += applied.written.length;
      mirror = applied.mirror;
      this.stateLsn = lsn;
    }

    let toStore = [...replayOnly, ...fresh];
    if (lsn > this.eventsLsn) {
      if (lsn <= this.recoverUntil && events.kind === 'clickhouse')
        toStore = await this.withoutStored(toStore);
      await events.recordMerges(mirror);
      await events.append(toStore, { name, lsn });
      this.eventsLsn = lsn;
    }
    this.deps.spool.release(this.appliedLsn);
    for (const [k, at] of this.skipped) if (at <= this.appliedLsn) this.skipped.delete(k);
    this.appliedEvents += fresh.length;
    this.batches++;
    this.emit('applied', toStore, mirror);
  }

  /** The item's records but those set aside. */
  private kept(item: Item): EventRecord[] {
    if (this.skipped.size === 0) return item.records;
    return item.records.filter((_, index) => !this.skipped.has(placeKey(item.lsn, index)));
  }

  /**
   * A batch keeps failing: find the events a store refuses on their own and set them aside in
   * `dead_letters`, so that one bad event cannot hold up every event after it. Trials write
   * nothing (a rolled-back transaction; the event store's `trialAppend`). If a store does not
   * answer at all, the failure is an outage, not an event, and nothing is set aside.
   */
  private async isolateFailing(batch: Item[]): Promise<void> {
    const { state, events, name } = this.deps;
    await state.query('SELECT 1');
    await events.checkpoint(name);
    const placed: Placed[] = batch.flatMap((item) =>
      item.records
        .map((record, index) => ({ lsn: item.lsn, index, record }))
        .filter((p) => !this.skipped.has(placeKey(p.lsn, p.index))),
    );
    const poison = await findPoison(placed, {
      state: { after: this.stateLsn, trial: (records) => this.stateTrial(records) },
      events: { after: this.eventsLsn, trial: (records) => events.trialAppend(records) },
    });
    if (poison.length === 0) return;
    await recordDeadLetters(state, name, poison);
    for (const p of poison) this.skipped.set(placeKey(p.lsn, p.index), p.lsn);
    this.setAside += poison.length;
    this.deps.onSetAside?.(poison);
  }

  /** The state store's part of `apply` for `records`, rolled back: throws what the real one would. */
  private async stateTrial(records: EventRecord[]): Promise<void> {
    const { state } = this.deps;
    const rollback = new Error('trial');
    await state
      .transaction(async (tx) => {
        await lockWorkspaces(state.kind, tx, records);
        const res = await resolveIdentities(tx, records, true, undefined);
        await applyToProfiles(tx, res.merges, this.fold(records), undefined);
        throw rollback;
      })
      .catch((e) => {
        if (e !== rollback) throw e;
      });
  }

  private fold(records: EventRecord[]): ProfileDelta[] {
    const deltas = new Map<string, ProfileDelta>();
    for (const e of records) {
      const key = `${e.workspaceId}\u0000${e.profileId}`;
      let d = deltas.get(key);
      if (!d) {
        d = emptyDelta(e.workspaceId, e.profileId);
        deltas.set(key, d);
      }
      foldEvent(d, e, this.deps.settingsFor(e.workspaceId));
    }
    return [...deltas.values()];
  }

  /** After a crash ClickHouse may hold part of what is replayed; drop what it has. */
  private async withoutStored(records: EventRecord[]): Promise<EventRecord[]> {
    const byWs = new Map<string, string[]>();
    for (const r of records) {
      const ids = byWs.get(r.workspaceId);
      if (ids) ids.push(r.messageId);
      else byWs.set(r.workspaceId, [r.messageId]);
    }
    const stored = new Set<string>();
    for (const [ws, ids] of byWs) {
      for (const id of await this.deps.events.existingMessageIds(ws, ids)) stored.add(`${ws}\u0000${id}`);
    }
    return records.filter((r) => !stored.has(`${r.workspaceId}\u0000${r.messageId}`));
  }
}

/**
 * With PostgreSQL several Tailor processes may apply batches at once; identity stitching of a
 * workspace must see the others' results, so it is serialised per workspace for the length of
 * the transaction. PGlite has a single process and needs no lock.
 */
async function lockWorkspaces(kind: StateStore['kind'], tx: Sql, records: EventRecord[]): Promise<void> {
  if (kind !== 'postgres') return;
  const ids = [...new Set(records.map((r) => r.workspaceId))].sort();
  for (const ws of ids) await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [ws]);
}
