import { mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  BIGINT,
  BOOLEAN,
  DOUBLE,
  type DuckDBConnection,
  DuckDBInstance,
  type DuckDBType,
  type DuckDBValue,
  INTEGER,
  LIST,
  listValue,
  VARCHAR,
} from '@duckdb/node-api';
import type { EventRecord } from '../../ingest/event-record.js';
import { BaseEventStore } from './base-event-store.js';
import { appendEvents, KeyColumns, MATERIALIZED_KEYS } from './duckdb-key-columns.js';
import {
  type AppliedRun,
  isStaged,
  type JsonKey,
  type MaterializedKey,
  type ProfileMergeRow,
  type Row,
  type RunDiff,
} from './event-store.js';
import { raw, render, type SqlFragment, type SqlValue } from './sql.js';

/**
 * No primary key: a run deletes the rows of the profiles it changes before inserting their
 * new lists, in one transaction, so a profile has one row. The key's index cost 2.8 s of a
 * first run over 1 M profiles (4.7 s against 1.9 s to insert the lists); the readers filter
 * the lists by workspace and profile or scan them, which needs no index (docs/benchmarks.md).
 */
const SEGMENT_MEMBERS = `CREATE TABLE IF NOT EXISTS segment_members (
  workspace_id VARCHAR NOT NULL, profile_id VARCHAR NOT NULL, segments VARCHAR[] NOT NULL, run_id BIGINT NOT NULL)`;

/**
 * The membership history: one row per profile a run changed, with the segments it entered and
 * those it exited. Its readers see one row per entry or exit through the view below, as on
 * ClickHouse. A first run over 1 M profiles wrote 13.3 M such rows in 5.3 s; the same changes as
 * 1 M rows of lists take 2.1 s (docs/benchmarks.md).
 */
const SEGMENT_CHANGES = `CREATE TABLE IF NOT EXISTS segment_changes (
  workspace_id VARCHAR NOT NULL, run_id BIGINT NOT NULL, "at" BIGINT NOT NULL, profile_id VARCHAR NOT NULL,
  entered_ids VARCHAR[] NOT NULL, exited_ids VARCHAR[] NOT NULL)`;
const SEGMENT_TRANSITIONS_VIEW = `CREATE OR REPLACE VIEW segment_transitions AS
  SELECT workspace_id, run_id, unnest(entered_ids) AS segment_id, profile_id, "at", true AS entered FROM segment_changes
  UNION ALL
  SELECT workspace_id, run_id, unnest(exited_ids) AS segment_id, profile_id, "at", false AS entered FROM segment_changes`;

const DDL = [
  `CREATE TABLE IF NOT EXISTS events (
    workspace_id VARCHAR NOT NULL, message_id VARCHAR NOT NULL, type VARCHAR NOT NULL, event VARCHAR NOT NULL,
    user_id VARCHAR NOT NULL, anonymous_id VARCHAR NOT NULL, group_id VARCHAR NOT NULL, previous_id VARCHAR NOT NULL,
    profile_id VARCHAR NOT NULL, timestamp BIGINT NOT NULL, original_timestamp BIGINT NOT NULL, sent_at BIGINT NOT NULL,
    received_at BIGINT NOT NULL, properties VARCHAR NOT NULL, traits VARCHAR NOT NULL, context VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS tailor_checkpoints (name VARCHAR PRIMARY KEY, lsn BIGINT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS profile_merges (
    workspace_id VARCHAR NOT NULL, from_profile VARCHAR NOT NULL, into_profile VARCHAR NOT NULL, merged_at BIGINT NOT NULL,
    PRIMARY KEY (workspace_id, from_profile))`,
  SEGMENT_MEMBERS,
  MATERIALIZED_KEYS,
  SEGMENT_CHANGES,
  `CREATE TABLE IF NOT EXISTS list_members (
    workspace_id VARCHAR NOT NULL, list_id VARCHAR NOT NULL, version INTEGER NOT NULL, profile_id VARCHAR NOT NULL)`,
];

/** DuckDB in a file: the embedded event store. One process owns the file. */
export class DuckDbEventStore extends BaseEventStore {
  readonly kind = 'duckdb' as const;
  private writeChain: Promise<unknown> = Promise.resolve();
  private runChain: Promise<unknown> = Promise.resolve();
  private next = 0;

  private readonly keyColumns: KeyColumns;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly writer: DuckDBConnection,
    private readonly runner: DuckDBConnection,
    private readonly readers: DuckDBConnection[],
  ) {
    super();
    this.keyColumns = new KeyColumns(writer, (fn) => this.serialized(fn));
  }

  /**
   * DuckDB would otherwise take up to 80 % of the machine's memory for its buffers; Tailor
   * shares the process with PGlite and the ingest queue, so the limit is explicit (it spills
   * to disk beyond it).
   */
  static async open(file: string, memoryLimit = '1GB'): Promise<DuckDbEventStore> {
    if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
    const instance = await DuckDBInstance.create(file, { memory_limit: memoryLimit });
    const writer = await instance.connect();
    // UTC whatever the machine's zone, for every connection: segment conditions read a date
    // without an offset as UTC. (The zone is ICU's setting, unknown before a connection loads it.)
    await writer.run(`SET GLOBAL TimeZone = 'UTC'`);
    const runner = await instance.connect();
    const readers = await Promise.all([1, 2, 3, 4].map(() => instance.connect()));
    return new DuckDbEventStore(instance, writer, runner, readers);
  }

  async migrate(): Promise<void> {
    for (const ddl of DDL) await this.writer.run(ddl);
    // Stores created before the key was dropped: DuckDB cannot drop a constraint, so the table is
    // rebuilt, in one transaction.
    const keyed = await this.writer.runAndReadAll(
      `SELECT count(*) FROM duckdb_constraints() WHERE table_name = 'segment_members' AND constraint_type = 'PRIMARY KEY'`,
    );
    if (Number(keyed.getRows()[0]![0]) > 0) {
      await this.transaction(async (c) => {
        await c.run('ALTER TABLE segment_members RENAME TO segment_members_keyed');
        await c.run(SEGMENT_MEMBERS);
        await c.run('INSERT INTO segment_members SELECT * FROM segment_members_keyed');
        await c.run('DROP TABLE segment_members_keyed');
      });
    }
    await this.compactTransitions();
    await this.keyColumns.load();
  }

  override materializedKeys(): readonly MaterializedKey[] {
    return this.keyColumns.complete();
  }

  override materializeKeys(keys: readonly JsonKey[]): Promise<void> {
    return this.keyColumns.request(keys);
  }

  /**
   * Stores before `segment_changes` kept a table `segment_transitions` of one row per entry or
   * exit: its rows move into `segment_changes`, grouped per run and profile, and the table
   * gives way to the view of the same name, in one transaction.
   */
  private async compactTransitions(): Promise<void> {
    const old = await this.writer.runAndReadAll(
      `SELECT count(*) FROM duckdb_tables() WHERE table_name = 'segment_transitions' AND database_name = current_database()`,
    );
    if (Number(old.getRows()[0]![0]) === 0) {
      await this.writer.run(SEGMENT_TRANSITIONS_VIEW);
      return;
    }
    await this.transaction(async (c) => {
      await c.run(
        `INSERT INTO segment_changes
         SELECT workspace_id, run_id, "at", profile_id,
           coalesce(list(segment_id ORDER BY segment_id) FILTER (WHERE entered), []),
           coalesce(list(segment_id ORDER BY segment_id) FILTER (WHERE NOT entered), [])
         FROM segment_transitions GROUP BY workspace_id, run_id, "at", profile_id`,
      );
      await c.run('DROP TABLE segment_transitions');
      await c.run(SEGMENT_TRANSITIONS_VIEW);
    });
  }

  /** One transaction: the events (through DuckDB's appender) and the checkpoint. */
  append(events: readonly EventRecord[], checkpoint: { name: string; lsn: number }): Promise<void> {
    return this.transaction(async (c) => {
      if (events.length > 0) await appendEvents(c, events, this.keyColumns.all());
      await c.run(
        'INSERT INTO tailor_checkpoints VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET lsn = greatest(tailor_checkpoints.lsn, excluded.lsn)',
        [checkpoint.name, checkpoint.lsn],
        [VARCHAR, BIGINT],
      );
    });
  }

  /** The append inside a transaction that is always rolled back. */
  async trialAppend(events: readonly EventRecord[]): Promise<void> {
    const rollback = new Error('trial');
    await this.transaction(async (c) => {
      await appendEvents(c, events, this.keyColumns.all());
      throw rollback;
    }).catch((e) => {
      if (e !== rollback) throw e;
    });
  }

  recordMerges(merges: readonly ProfileMergeRow[]): Promise<void> {
    if (merges.length === 0) return Promise.resolve();
    return this.serialized(async () => {
      for (const m of merges) {
        await this.writer.run(
          `INSERT INTO profile_merges VALUES ($1, $2, $3, $4)
           ON CONFLICT (workspace_id, from_profile) DO UPDATE SET into_profile = excluded.into_profile, merged_at = excluded.merged_at`,
          [m.workspaceId, m.fromProfile, m.intoProfile, m.at],
          [VARCHAR, VARCHAR, VARCHAR, BIGINT],
        );
      }
    });
  }

  /**
   * On a connection of its own (ingest keeps appending on the writer meanwhile): the per-profile
   * rows (staged runs) and the diff into temporary tables, then one transaction writes the
   * history and the lists from the diff. The temporary tables are made outside the transaction:
   * the memberships of a million profiles took 10.0 s to compute from rows written inside the
   * open transaction and 5.3 s from the same rows committed (docs/benchmarks.md). Only runs
   * change the stored lists, and they are serialized, so the diff still holds at the commit.
   */
  applyRun(run: { workspaceId: string; runId: number; at: number; diff: RunDiff }): Promise<AppliedRun> {
    const next = this.runChain.then(async () => {
      const c = this.runner;
      const head = [VARCHAR, BIGINT, BIGINT] as DuckDBType[];
      const keys = [run.workspaceId, run.runId, run.at];
      const steps: Record<string, number> = {};
      let lap = performance.now();
      const step = (name: string) => {
        const t = performance.now();
        steps[name] = Math.round(t - lap);
        lap = t;
      };
      let open = false;
      try {
        let diff = run.diff;
        if (isStaged(diff)) {
          const stage = this.render(diff.stage);
          await c.run(
            `CREATE OR REPLACE TEMP TABLE run_stage AS ${stage.text}`,
            stage.params.map(toValue),
            stage.params.map(typeOf),
          );
          step('aggregates');
          diff = await diff.diff(raw('run_stage'), async (q) => {
            const r = this.render(q);
            const rows = await c.runAndReadAll(r.text, r.params.map(toValue), r.params.map(typeOf));
            return rows.getRowObjectsJS().map(fromDuck);
          });
          step('cutPoints');
        }
        const { text, params } = this.render(diff);
        await c.run(
          `CREATE OR REPLACE TEMP TABLE run_diff AS ${text}`,
          params.map(toValue),
          params.map(typeOf),
        );
        step('diff');
        await c.run('BEGIN TRANSACTION');
        open = true;
        await c.run(
          `INSERT INTO segment_changes
           SELECT $1, $2, $3, pid, list_filter(after, s -> NOT list_contains(before, s)),
             list_filter(before, s -> NOT list_contains(after, s))
           FROM run_diff`,
          keys,
          head,
        );
        step('history');
        await c.run(
          'DELETE FROM segment_members WHERE workspace_id = $1 AND profile_id IN (SELECT pid FROM run_diff)',
          [run.workspaceId],
          [VARCHAR],
        );
        await c.run(
          'INSERT INTO segment_members SELECT $1, pid, after, $2 FROM run_diff WHERE len(after) > 0',
          [run.workspaceId, run.runId],
          [VARCHAR, BIGINT],
        );
        const counts = await c.runAndReadAll(
          `SELECT count(*) AS changed, coalesce(sum(len(entered_ids)), 0) AS entered,
             coalesce(sum(len(exited_ids)), 0) AS exited,
             coalesce((SELECT list(DISTINCT s) FROM (SELECT unnest(list_concat(entered_ids, exited_ids)) AS s
               FROM segment_changes WHERE workspace_id = $1 AND run_id = $2)), []) AS segments
           FROM segment_changes WHERE workspace_id = $1 AND run_id = $2`,
          [run.workspaceId, run.runId],
          [VARCHAR, BIGINT],
        );
        await c.run('COMMIT');
        open = false;
        step('lists');
        const r = fromDuck(counts.getRowObjectsJS()[0]!);
        return {
          changed: Number(r.changed),
          entered: Number(r.entered),
          exited: Number(r.exited),
          segments: (r.segments as string[]).map(String),
          steps,
        };
      } catch (e) {
        if (open) await c.run('ROLLBACK').catch(() => {});
        throw e;
      } finally {
        await c.run('DROP TABLE IF EXISTS run_diff').catch(() => {});
        await c.run('DROP TABLE IF EXISTS run_stage').catch(() => {});
      }
    });
    this.runChain = next.catch(() => {});
    return next;
  }

  writeListMembers(workspaceId: string, listId: string, version: number, profileIds: readonly string[]) {
    if (profileIds.length === 0) return Promise.resolve();
    return this.serialized(async () => {
      const a = await this.writer.createAppender('list_members');
      for (const pid of profileIds) {
        a.appendVarchar(workspaceId);
        a.appendVarchar(listId);
        a.appendInteger(version);
        a.appendVarchar(pid);
        a.endRow();
      }
      a.closeSync();
    });
  }

  dropListVersions(workspaceId: string, listId: string, keep?: number): Promise<void> {
    return this.serialized(async () => {
      await this.writer.run(
        'DELETE FROM list_members WHERE workspace_id = $1 AND list_id = $2 AND version <> $3',
        [workspaceId, listId, keep ?? -1],
        [VARCHAR, VARCHAR, INTEGER],
      );
    });
  }

  /** Streamed in DuckDB's chunks: the last day can hold tens of millions of ids. */
  async scanMessageIds(
    sinceMs: number,
    visit: (rows: { workspaceId: string; messageId: string; receivedAt: number }[]) => void,
  ): Promise<void> {
    const conn = this.readers[this.next++ % this.readers.length]!;
    const result = await conn.stream(
      'SELECT workspace_id, message_id, received_at FROM events WHERE received_at >= $1',
      [sinceMs],
      [BIGINT],
    );
    for await (const rows of result.yieldRowsJs()) {
      visit(
        rows.map((r) => ({ workspaceId: String(r[0]), messageId: String(r[1]), receivedAt: Number(r[2]) })),
      );
    }
  }

  private render(q: SqlFragment) {
    return render(q, (v, i) => (Array.isArray(v) ? `(SELECT unnest($${i}))` : `$${i}`), {
      expandListsUpTo: 100,
    });
  }

  async select(q: SqlFragment): Promise<Row[]> {
    const { text, params } = this.render(q);
    const conn = this.readers[this.next++ % this.readers.length]!;
    const reader = await conn.runAndReadAll(text, params.map(toValue), params.map(typeOf));
    return reader.getRowObjectsJS().map(fromDuck);
  }

  async close(): Promise<void> {
    await this.keyColumns.close();
    await this.writeChain.catch(() => {});
    await this.runChain.catch(() => {});
    this.writer.closeSync();
    this.runner.closeSync();
    for (const r of this.readers) r.closeSync();
    this.instance.closeSync();
  }

  /** `fn` on the writer connection inside BEGIN … COMMIT, rolled back if it throws. */
  private transaction(fn: (c: DuckDBConnection) => Promise<void>): Promise<void> {
    return this.serialized(async () => {
      const c = this.writer;
      await c.run('BEGIN TRANSACTION');
      try {
        await fn(c);
        await c.run('COMMIT');
      } catch (e) {
        await c.run('ROLLBACK').catch(() => {});
        throw e;
      }
    });
  }

  private serialized<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.writeChain.then(fn, fn);
    this.writeChain = run.catch(() => {});
    return run;
  }
}

const isInt = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v);

function typeOf(v: SqlValue): DuckDBType {
  if (typeof v === 'string') return VARCHAR;
  if (typeof v === 'boolean') return BOOLEAN;
  if (typeof v === 'number') return isInt(v) ? BIGINT : DOUBLE;
  if (Array.isArray(v)) {
    if (v.length > 0 && v.every(isInt)) return LIST(BIGINT);
    if (v.length > 0 && v.every((x) => typeof x === 'number')) return LIST(DOUBLE);
    return LIST(VARCHAR);
  }
  return VARCHAR;
}

function toValue(v: SqlValue): DuckDBValue {
  if (Array.isArray(v)) return listValue(v.map((x) => x as DuckDBValue));
  return v as DuckDBValue;
}

/** BIGINT comes back as bigint; Tailor's integers (counts, epoch ms) fit in a double. */
function fromDuck(r: Record<string, unknown>): Row {
  for (const k in r) if (typeof r[k] === 'bigint') r[k] = Number(r[k]);
  return r;
}
