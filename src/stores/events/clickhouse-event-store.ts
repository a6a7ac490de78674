import type { EventRecord } from '../../ingest/event-record.js';
import { BaseEventStore } from './base-event-store.js';
import { ClickHouseClient, clickhouseLiteral } from './clickhouse-client.js';
import { type AppliedRun, isStaged, type ProfileMergeRow, type Row, type RunDiff } from './event-store.js';
import { render, type SqlFragment } from './sql.js';

// Only types and engines that ClickHouse 18.16 has: no DateTime64, no LowCardinality.
const DDL = [
  `CREATE TABLE IF NOT EXISTS events (
    workspace_id String, message_id String, type String, event String,
    user_id String, anonymous_id String, group_id String, previous_id String, profile_id String,
    timestamp Int64, original_timestamp Int64, sent_at Int64, received_at Int64,
    properties String, traits String, context String
  ) ENGINE = MergeTree()
  PARTITION BY toYYYYMM(toDateTime(intDiv(received_at, 1000)))
  ORDER BY (workspace_id, profile_id, timestamp, message_id)`,
  // Inserts here are checked and discarded: the applier's trial when looking for an event the store refuses.
  `CREATE TABLE IF NOT EXISTS events_trial AS events ENGINE = Null`,
  `CREATE TABLE IF NOT EXISTS tailor_checkpoints (name String, lsn Int64)
  ENGINE = ReplacingMergeTree(lsn) ORDER BY name`,
  `CREATE TABLE IF NOT EXISTS profile_merges (workspace_id String, from_profile String, into_profile String, merged_at Int64)
  ENGINE = ReplacingMergeTree(merged_at) ORDER BY (workspace_id, from_profile)`,
  // The newest run's list per profile wins (read with argMax(segments, run_id)).
  `CREATE TABLE IF NOT EXISTS segment_members (workspace_id String, profile_id String, segments Array(String), run_id Int64)
  ENGINE = ReplacingMergeTree(run_id) ORDER BY (workspace_id, profile_id)`,
  `CREATE TABLE IF NOT EXISTS segment_transitions (
    workspace_id String, run_id Int64, segment_id String, profile_id String, at Int64, entered UInt8
  ) ENGINE = MergeTree() ORDER BY (workspace_id, segment_id, profile_id, run_id)`,
  `CREATE TABLE IF NOT EXISTS list_members (workspace_id String, list_id String, version Int32, profile_id String)
  ENGINE = MergeTree() ORDER BY (workspace_id, list_id, version, profile_id)`,
];

/** ClickHouse over HTTP: the server-mode event store, shared by any number of Tailor processes. */
export class ClickHouseEventStore extends BaseEventStore {
  readonly kind = 'clickhouse' as const;

  private constructor(private readonly ch: ClickHouseClient) {
    super();
  }

  static async open(url: string): Promise<ClickHouseEventStore> {
    const ch = ClickHouseClient.fromUrl(url);
    await ch.exec(`CREATE DATABASE IF NOT EXISTS ${ch.database}`, { database: null });
    return new ClickHouseEventStore(ch);
  }

  async migrate(): Promise<void> {
    for (const ddl of DDL) await this.ch.exec(ddl);
  }

  /**
   * Events first, then the checkpoint. An INSERT of one block is atomic in ClickHouse, so a
   * crash leaves either all of a batch or none of it; the applier's replay checks which
   * message ids already arrived before writing again.
   */
  async append(events: readonly EventRecord[], checkpoint: { name: string; lsn: number }): Promise<void> {
    await this.ch.insert('events', events.map(eventRow));
    await this.ch.insert('tailor_checkpoints', [{ name: checkpoint.name, lsn: checkpoint.lsn }]);
  }

  /** Into `events_trial`, a Null-engine twin of `events`: parsed and checked like the real insert, then dropped. */
  async trialAppend(events: readonly EventRecord[]): Promise<void> {
    await this.ch.insert('events_trial', events.map(eventRow));
  }

  async recordMerges(merges: readonly ProfileMergeRow[]): Promise<void> {
    await this.ch.insert(
      'profile_merges',
      merges.map((m) => ({
        workspace_id: m.workspaceId,
        from_profile: m.fromProfile,
        into_profile: m.intoProfile,
        merged_at: m.at,
      })),
    );
  }

  /**
   * The diff into a Memory table named after the run (computed once), the transitions from it,
   * then the lists (newer `run_id` wins in segment_members), then the table dropped.
   */
  async applyRun(run: {
    workspaceId: string;
    runId: number;
    at: number;
    diff: RunDiff;
  }): Promise<AppliedRun> {
    const diff = isStaged(run.diff) ? await run.diff.diff(run.diff.stage, (q) => this.select(q)) : run.diff;
    const table = `tailor_run_${run.runId}_${process.pid}`;
    const [ws, id, at] = [run.workspaceId, run.runId, run.at].map(clickhouseLiteral);
    await this.ch.exec(`DROP TABLE IF EXISTS ${table}`);
    try {
      await this.ch.exec(
        `CREATE TABLE ${table} ENGINE = Memory AS ${render(diff, (v) => clickhouseLiteral(v)).text}`,
      );
      await this.ch.exec(
        `INSERT INTO segment_transitions (workspace_id, run_id, segment_id, profile_id, at, entered)
         SELECT ${ws}, ${id}, s, pid, ${at}, 1 FROM ${table} ARRAY JOIN after AS s WHERE NOT has(before, s)`,
      );
      await this.ch.exec(
        `INSERT INTO segment_transitions (workspace_id, run_id, segment_id, profile_id, at, entered)
         SELECT ${ws}, ${id}, s, pid, ${at}, 0 FROM ${table} ARRAY JOIN before AS s WHERE NOT has(after, s)`,
      );
      await this.ch.exec(
        `INSERT INTO segment_members (workspace_id, profile_id, segments, run_id) SELECT ${ws}, pid, after, ${id} FROM ${table}`,
      );
      const [r] = await this.ch.select(
        `SELECT (SELECT count() FROM ${table}) AS changed,
           sum(entered) AS n_entered, sum(1 - entered) AS n_exited, groupUniqArray(segment_id) AS segment_ids
         FROM segment_transitions WHERE workspace_id = ${ws} AND run_id = ${id}`,
      );
      return {
        changed: Number(r?.changed ?? 0),
        entered: Number(r?.n_entered ?? 0),
        exited: Number(r?.n_exited ?? 0),
        segments: ((r?.segment_ids as unknown[] | undefined) ?? []).map(String),
      };
    } finally {
      await this.ch.exec(`DROP TABLE IF EXISTS ${table}`);
    }
  }

  async writeListMembers(
    workspaceId: string,
    listId: string,
    version: number,
    profileIds: readonly string[],
  ) {
    if (profileIds.length === 0) return;
    await this.ch.insert(
      'list_members',
      profileIds.map((pid) => ({ workspace_id: workspaceId, list_id: listId, version, profile_id: pid })),
    );
  }

  /** An asynchronous mutation: readers never look at other versions, so it may finish later. */
  async dropListVersions(workspaceId: string, listId: string, keep?: number): Promise<void> {
    await this.ch.exec(
      `ALTER TABLE list_members DELETE WHERE workspace_id = ${clickhouseLiteral(workspaceId)} AND list_id = ${clickhouseLiteral(listId)} AND version != ${clickhouseLiteral(keep ?? -1)}`,
    );
  }

  /** Streamed: the last day can hold tens of millions of ids. */
  async scanMessageIds(
    sinceMs: number,
    visit: (rows: { workspaceId: string; messageId: string; receivedAt: number }[]) => void,
  ): Promise<void> {
    await this.ch.selectStream(
      `SELECT workspace_id, message_id, received_at FROM events WHERE received_at >= ${clickhouseLiteral(sinceMs)}`,
      50_000,
      (rows) =>
        visit(
          rows.map((r) => ({
            workspaceId: String(r.workspace_id),
            messageId: String(r.message_id),
            receivedAt: Number(r.received_at),
          })),
        ),
    );
  }

  async select(q: SqlFragment): Promise<Row[]> {
    const { text } = render(q, (v) => clickhouseLiteral(v));
    return this.ch.select(text);
  }

  async close(): Promise<void> {}
}

const eventRow = (e: EventRecord) => ({
  workspace_id: e.workspaceId,
  message_id: e.messageId,
  type: e.type,
  event: e.event,
  user_id: e.userId,
  anonymous_id: e.anonymousId,
  group_id: e.groupId,
  previous_id: e.previousId,
  profile_id: e.profileId,
  timestamp: e.timestamp,
  original_timestamp: e.originalTimestamp,
  sent_at: e.sentAt,
  received_at: e.receivedAt,
  properties: e.properties,
  traits: e.traits,
  context: e.context,
});
