import type { EventRecord } from '../../ingest/event-record.js';
import { SqlFragment } from './sql.js';

/** Keyset position in a newest-first event listing. */
export interface EventCursor {
  timestamp: number;
  messageId: string;
}

export interface ProfileMergeRow {
  workspaceId: string;
  fromProfile: string;
  intoProfile: string;
  at: number;
}

export type Row = Record<string, unknown>;

export interface SegmentTransitionRow {
  workspaceId: string;
  runId: number;
  segmentId: string;
  profileId: string;
  /** Epoch ms of the evaluation that saw the change. */
  at: number;
  entered: boolean;
}

/** What one applied run changed. */
export interface AppliedRun {
  /** Profiles whose list changed. */
  changed: number;
  entered: number;
  exited: number;
  /** Segments with at least one entry or exit. */
  segments: string[];
  /**
   * Milliseconds of each step, where the store times them (DuckDB): `aggregates` and
   * `cutPoints` (staged full runs), `diff` (the memberships compared with the stored lists),
   * `history` (entries and exits written), `lists` (new lists written and committed).
   */
  steps?: Record<string, number>;
}

/**
 * The append-only event store. Implementations: DuckDB (embedded) and ClickHouse (server);
 * both must pass event-store.contract.test.ts. Every read is scoped by workspace.
 */
/**
 * A diff over per-profile rows that something else must read first (the models' cut points,
 * which the membership expressions then compare with). `stage` is computed once: DuckDB keeps
 * it as a temporary table for the run; ClickHouse passes the subquery itself, computed twice.
 * `diff` receives it as a table and a way to read it, and returns the diff.
 */
export interface StagedDiff {
  stage: SqlFragment;
  diff(table: SqlFragment, select: (q: SqlFragment) => Promise<Row[]>): Promise<SqlFragment>;
}
export type RunDiff = SqlFragment | StagedDiff;
export const isStaged = (d: RunDiff): d is StagedDiff => !(d instanceof SqlFragment);

export interface EventStore {
  readonly kind: 'duckdb' | 'clickhouse';
  migrate(): Promise<void>;
  /**
   * Stores events and advances the named checkpoint to `lsn`. On DuckDB both happen in one
   * transaction; on ClickHouse the checkpoint is written after the events, and replay after a
   * crash skips events already stored (see `existingMessageIds`).
   */
  append(events: readonly EventRecord[], checkpoint: { name: string; lsn: number }): Promise<void>;
  /**
   * Writes nothing; throws what `append` would throw for these events. The applier uses it to
   * find the event a store refuses, so that one event cannot hold up all the others.
   */
  trialAppend(events: readonly EventRecord[]): Promise<void>;
  checkpoint(name: string): Promise<number>;
  /** Which of `messageIds` are already stored for the workspace. */
  existingMessageIds(workspaceId: string, messageIds: readonly string[]): Promise<Set<string>>;
  /** Visits every (workspace, messageId, receivedAt) received at or after `sinceMs`. */
  scanMessageIds(
    sinceMs: number,
    visit: (rows: { workspaceId: string; messageId: string; receivedAt: number }[]) => void,
  ): Promise<void>;
  /** Events attributed to any of `profileIds`, newest first. */
  profileEvents(
    workspaceId: string,
    profileIds: readonly string[],
    opts: { limit: number; before?: EventCursor | undefined },
  ): Promise<EventRecord[]>;
  /** Most recently received events of a workspace, newest first. */
  latestEvents(
    workspaceId: string,
    opts: { limit: number; receivedAfter?: number | undefined },
  ): Promise<EventRecord[]>;
  countEvents(workspaceId: string): Promise<number>;
  /** Mirrors profile merges so queries here can attribute events to the surviving profile. */
  recordMerges(merges: readonly ProfileMergeRow[]): Promise<void>;
  /** Runs a read query (the segment engine's entry point). */
  select(q: SqlFragment): Promise<Row[]>;
  /**
   * Applies one segment run: `diff` yields `pid, before, after` (the profiles whose list
   * changed, old and new segment ids). Appends one `segment_transitions` row per entry and
   * exit, then replaces those profiles' `segment_members` lists. All of it happens inside the store, so a first run over millions of profiles never
   * passes its lists through JavaScript. DuckDB: one transaction. ClickHouse: transitions
   * before lists, so a crash in between repeats transitions at the next run, never loses them.
   */
  applyRun(run: { workspaceId: string; runId: number; at: number; diff: RunDiff }): Promise<AppliedRun>;
  /**
   * Appends a manual list's resolved profile ids under `version` (`list_members`); the
   * compiled `list` node reads only the version the state store names as current.
   */
  writeListMembers(
    workspaceId: string,
    listId: string,
    version: number,
    profileIds: readonly string[],
  ): Promise<void>;
  /** Removes a list's entries of every version except `keep` (all of them when undefined). */
  dropListVersions(workspaceId: string, listId: string, keep?: number): Promise<void>;
  /**
   * The JSON keys stored as columns of their own and complete for every stored event: each
   * column holds the text the segment compiler would read from the JSON (a string unquoted,
   * anything else as JSON text, NULL when absent). Empty on engines that keep none.
   */
  materializedKeys(): readonly MaterializedKey[];
  /**
   * Adds a column for each of these keys not yet stored and fills it for every stored event
   * (new events get theirs as they are appended); resolves once all of them are complete.
   * Engines that keep no such columns resolve at once.
   */
  materializeKeys(keys: readonly JsonKey[]): Promise<void>;
  close(): Promise<void>;
}

/** A top-level key of an event's `properties` or `traits` JSON. */
export interface JsonKey {
  source: 'properties' | 'traits';
  key: string;
}

export interface MaterializedKey extends JsonKey {
  column: string;
}

/** One text per key, for maps and sets of keys. */
export const jsonKeyId = (k: JsonKey) => `${k.source}\u0000${k.key}`;

export const EVENT_COLUMNS = [
  'workspace_id',
  'message_id',
  'type',
  'event',
  'user_id',
  'anonymous_id',
  'group_id',
  'previous_id',
  'profile_id',
  'timestamp',
  'original_timestamp',
  'sent_at',
  'received_at',
  'properties',
  'traits',
  'context',
] as const;

/** Reads a stored row back into an EventRecord. */
export function rowToEvent(r: Row): EventRecord {
  return {
    workspaceId: String(r.workspace_id),
    messageId: String(r.message_id),
    type: String(r.type) as EventRecord['type'],
    event: String(r.event),
    userId: String(r.user_id),
    anonymousId: String(r.anonymous_id),
    groupId: String(r.group_id),
    previousId: String(r.previous_id),
    profileId: String(r.profile_id),
    timestamp: Number(r.timestamp),
    originalTimestamp: Number(r.original_timestamp),
    sentAt: Number(r.sent_at),
    receivedAt: Number(r.received_at),
    properties: String(r.properties),
    traits: String(r.traits),
    context: String(r.context),
  };
}
