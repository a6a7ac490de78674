import type { EventRecord } from '../../ingest/event-record.js';
import type {
  AppliedRun,
  EventCursor,
  EventStore,
  JsonKey,
  MaterializedKey,
  ProfileMergeRow,
  Row,
  RunDiff,
} from './event-store.js';
import { EVENT_COLUMNS, rowToEvent } from './event-store.js';
import { raw, type SqlFragment, sql } from './sql.js';

const columnList = raw(EVENT_COLUMNS.join(', '));

/**
 * The queries both engines share. Subclasses supply how to run a query and how to write;
 * they override a method here only where their dialect differs.
 */
export abstract class BaseEventStore implements EventStore {
  abstract readonly kind: 'duckdb' | 'clickhouse';
  abstract migrate(): Promise<void>;
  abstract append(events: readonly EventRecord[], checkpoint: { name: string; lsn: number }): Promise<void>;
  abstract trialAppend(events: readonly EventRecord[]): Promise<void>;
  abstract recordMerges(merges: readonly ProfileMergeRow[]): Promise<void>;
  abstract select(q: SqlFragment): Promise<Row[]>;
  abstract applyRun(run: {
    workspaceId: string;
    runId: number;
    at: number;
    diff: RunDiff;
  }): Promise<AppliedRun>;
  abstract writeListMembers(
    workspaceId: string,
    listId: string,
    version: number,
    profileIds: readonly string[],
  ): Promise<void>;
  abstract dropListVersions(workspaceId: string, listId: string, keep?: number): Promise<void>;
  abstract close(): Promise<void>;

  materializedKeys(): readonly MaterializedKey[] {
    return [];
  }

  async materializeKeys(_keys: readonly JsonKey[]): Promise<void> {}

  async checkpoint(name: string): Promise<number> {
    const rows = await this.select(sql`SELECT max(lsn) AS lsn FROM tailor_checkpoints WHERE name = ${name}`);
    const v = rows[0]?.lsn;
    return v === null || v === undefined ? 0 : Number(v);
  }

  async existingMessageIds(workspaceId: string, messageIds: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (let i = 0; i < messageIds.length; i += 5000) {
      const chunk = messageIds.slice(i, i + 5000);
      const rows = await this.select(
        sql`SELECT DISTINCT message_id FROM events WHERE workspace_id = ${workspaceId} AND message_id IN ${chunk}`,
      );
      for (const r of rows) found.add(String(r.message_id));
    }
    return found;
  }

  abstract scanMessageIds(
    sinceMs: number,
    visit: (rows: { workspaceId: string; messageId: string; receivedAt: number }[]) => void,
  ): Promise<void>;

  async profileEvents(
    workspaceId: string,
    profileIds: readonly string[],
    opts: { limit: number; before?: EventCursor | undefined },
  ): Promise<EventRecord[]> {
    if (profileIds.length === 0) return [];
    const before = opts.before
      ? sql` AND (timestamp < ${opts.before.timestamp} OR (timestamp = ${opts.before.timestamp} AND message_id < ${opts.before.messageId}))`
      : sql``;
    const rows = await this.select(
      sql`SELECT ${columnList} FROM events WHERE workspace_id = ${workspaceId} AND profile_id IN ${profileIds}${before} ORDER BY timestamp DESC, message_id DESC LIMIT ${opts.limit}`,
    );
    return rows.map(rowToEvent);
  }

  async latestEvents(
    workspaceId: string,
    opts: { limit: number; receivedAfter?: number | undefined },
  ): Promise<EventRecord[]> {
    const after = opts.receivedAfter !== undefined ? sql` AND received_at > ${opts.receivedAfter}` : sql``;
    const rows = await this.select(
      sql`SELECT ${columnList} FROM events WHERE workspace_id = ${workspaceId}${after} ORDER BY received_at DESC, message_id DESC LIMIT ${opts.limit}`,
    );
    return rows.map(rowToEvent);
  }

  async countEvents(workspaceId: string): Promise<number> {
    const rows = await this.select(sql`SELECT count(*) AS n FROM events WHERE workspace_id = ${workspaceId}`);
    return Number(rows[0]?.n ?? 0);
  }
}
