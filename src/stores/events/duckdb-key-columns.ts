import { BIGINT, type DuckDBConnection, LIST, listValue, VARCHAR } from '@duckdb/node-api';
import type { EventRecord } from '../../ingest/event-record.js';
import { EVENT_COLUMNS, type JsonKey, jsonKeyId, type MaterializedKey } from './event-store.js';
import { duckdbJsonPath } from './json-path.js';

/**
 * The JSON keys kept as columns of their own (`m_0`, `m_1`, …), and whether each column is
 * filled for every stored event yet. Reading an order's amount from its `properties` text took
 * 5–7 s at 100 M events, most of it finding and parsing the text; the same values in a column
 * of their own take a fraction of that (docs/benchmarks.md).
 */
export const MATERIALIZED_KEYS = `CREATE TABLE IF NOT EXISTS materialized_keys (
  source VARCHAR NOT NULL, key VARCHAR NOT NULL, col VARCHAR NOT NULL, complete BOOLEAN NOT NULL,
  PRIMARY KEY (source, key))`;
/** More columns would make every append parse more keys; the rest are read from the JSON. */
const MAX_MATERIALIZED = 48;
/** Rows per UPDATE while a new column is filled: appends wait for one such step at most. */
const FILL_ROWS = 2_000_000;

/**
 * The embedded store's key columns: which JSON keys have one, adding and filling new ones on
 * the writer connection (every step through the store's serialized writes, so appends run in
 * between), and the append that fills them for new events (`appendEvents`).
 */
export class KeyColumns {
  /** Every key column, complete or still being filled (appends fill all of them). */
  private keys: (MaterializedKey & { complete: boolean })[] = [];
  /** Keys asked for and not yet added, so that two requests add a key once. */
  private readonly asked = new Set<string>();
  private filling: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly writer: DuckDBConnection,
    private readonly serialized: <T>(fn: () => Promise<T>) => Promise<T>,
  ) {}

  /** Reads the registered columns back (after the DDL) and finishes a fill a crash cut short. */
  async load(): Promise<void> {
    const keys = await this.writer.runAndReadAll(
      // In the order they were added (m_2 before m_10).
      'SELECT source, key, col, complete FROM materialized_keys ORDER BY length(col), col',
    );
    this.keys = keys.getRowObjectsJS().map((r) => {
      // Both are written into SQL: only the forms this store writes are accepted.
      if (!/^m_\d+$/.test(String(r.col)) || (r.source !== 'properties' && r.source !== 'traits'))
        throw new Error(`materialized_keys holds an unexpected row: ${r.source} ${r.col}`);
      return { source: r.source, key: String(r.key), column: String(r.col), complete: r.complete === true };
    });
    // A fill interrupted by a crash starts again; it only ever writes the same values.
    if (this.keys.some((k) => !k.complete)) this.filling = this.fill();
  }

  /** Every key column, complete or not: what an append must fill. */
  all(): readonly MaterializedKey[] {
    return this.keys;
  }

  complete(): readonly MaterializedKey[] {
    return this.keys.filter((k) => k.complete).map(({ source, key, column }) => ({ source, key, column }));
  }

  /**
   * New columns are added in one transaction, then filled a few million rows at a time with the
   * appends in between; a column is used only once `complete`. The store never deletes events,
   * so the row ids of the rows to fill stay where they were.
   */
  request(keys: readonly JsonKey[]): Promise<void> {
    const have = new Set(this.keys.map(jsonKeyId));
    const fresh = [...new Map(keys.map((k) => [jsonKeyId(k), k])).values()].filter(
      (k) => !have.has(jsonKeyId(k)) && !this.asked.has(jsonKeyId(k)),
    );
    const add = fresh.slice(0, Math.max(0, MAX_MATERIALIZED - this.keys.length - this.asked.size));
    if (add.length > 0) {
      for (const k of add) this.asked.add(jsonKeyId(k));
      this.filling = this.filling
        .catch(() => {})
        .then(() => this.addColumns(add))
        .then(() => this.fill())
        .finally(() => {
          for (const k of add) this.asked.delete(jsonKeyId(k));
        });
    }
    return this.filling;
  }

  private addColumns(add: readonly JsonKey[]): Promise<void> {
    return this.serialized(async () => {
      if (this.closed) return;
      const c = this.writer;
      const existing = await c.runAndReadAll(
        `SELECT column_name FROM duckdb_columns() WHERE table_name = 'events' AND database_name = current_database()`,
      );
      const taken = new Set(existing.getRows().map((r) => String(r[0])));
      const added: (MaterializedKey & { complete: boolean })[] = [];
      let n = 0;
      await c.run('BEGIN TRANSACTION');
      try {
        for (const k of add) {
          while (taken.has(`m_${n}`)) n++;
          const column = `m_${n}`;
          taken.add(column);
          await c.run(`ALTER TABLE events ADD COLUMN ${column} VARCHAR`);
          await c.run(
            'INSERT INTO materialized_keys VALUES ($1, $2, $3, false)',
            [k.source, k.key, column],
            [VARCHAR, VARCHAR, VARCHAR],
          );
          added.push({ ...k, column, complete: false });
        }
        await c.run('COMMIT');
      } catch (e) {
        await c.run('ROLLBACK').catch(() => {});
        throw e;
      }
      // Inside the serialized step: every append after it fills the new columns.
      this.keys.push(...added);
    });
  }

  private async fill(): Promise<void> {
    const todo = this.keys.filter((k) => !k.complete);
    if (todo.length === 0) return;
    const sets = todo.map((k, i) => `${k.column} = json_extract_string(${k.source}, $${i + 3})`).join(', ');
    const paths = todo.map((k) => duckdbJsonPath(k.key));
    // Rows appended from here on get their values as they are appended.
    const top = await this.serialized(async () => {
      const r = await this.writer.runAndReadAll('SELECT max(rowid) FROM events');
      const v = r.getRows()[0]![0];
      return v === null ? -1 : Number(v);
    });
    for (let lo = 0; lo <= top; lo += FILL_ROWS) {
      if (this.closed) return;
      await this.serialized(() =>
        this.writer.run(
          `UPDATE events SET ${sets} WHERE rowid >= $1 AND rowid < $2`,
          [lo, lo + FILL_ROWS, ...paths],
          [BIGINT, BIGINT, ...paths.map(() => VARCHAR)],
        ),
      );
    }
    if (this.closed) return;
    await this.serialized(async () => {
      await this.writer.run(
        `UPDATE materialized_keys SET complete = true WHERE col IN (${todo.map((_, i) => `$${i + 1}`).join(', ')})`,
        todo.map((k) => k.column),
        todo.map(() => VARCHAR),
      );
      for (const k of todo) k.complete = true;
    });
  }

  /** Stops filling after the current step; the next start goes on. */
  async close(): Promise<void> {
    this.closed = true;
    await this.filling.catch(() => {});
  }
}

/**
 * DuckDB's appender writes every column of a table and cannot compute any: with key columns,
 * the events go into a temporary table of the base columns, and one INSERT … SELECT adds each
 * key's text, read from the JSON by the same function and path as the compiler's reads.
 */
export async function appendEvents(
  c: DuckDBConnection,
  events: readonly EventRecord[],
  keys: readonly MaterializedKey[],
): Promise<void> {
  if (keys.length === 0) return appendRows(c, events, 'events');
  await c.run(
    `CREATE TEMP TABLE IF NOT EXISTS events_in AS SELECT ${EVENT_COLUMNS.join(', ')} FROM events LIMIT 0`,
  );
  await appendRows(c, events, 'events_in', 'temp');
  const lists: string[] = [];
  const params: string[][] = [];
  const cols = keys.map((k) => {
    const at = lists.indexOf(k.source);
    const i = at >= 0 ? at : lists.push(k.source) - 1;
    if (at < 0) params.push([]);
    params[i]!.push(duckdbJsonPath(k.key));
    return `l${i}[${params[i]!.length}] AS ${k.column}`;
  });
  const reads = lists.map((src, i) => `json_extract_string(${src}, $${i + 1}) AS l${i}`).join(', ');
  await c.run(
    `INSERT INTO events BY NAME SELECT * EXCLUDE (${lists.map((_, i) => `l${i}`).join(', ')}), ${cols.join(', ')}
     FROM (SELECT *, ${reads} FROM events_in)`,
    params.map((p) => listValue(p)),
    params.map(() => LIST(VARCHAR)),
  );
  await c.run('DELETE FROM events_in');
}

async function appendRows(
  c: DuckDBConnection,
  events: readonly EventRecord[],
  table: string,
  catalog?: string,
): Promise<void> {
  const a = await c.createAppender(table, null, catalog ?? null);
  for (const e of events) {
    a.appendVarchar(e.workspaceId);
    a.appendVarchar(e.messageId);
    a.appendVarchar(e.type);
    a.appendVarchar(e.event);
    a.appendVarchar(e.userId);
    a.appendVarchar(e.anonymousId);
    a.appendVarchar(e.groupId);
    a.appendVarchar(e.previousId);
    a.appendVarchar(e.profileId);
    a.appendBigInt(BigInt(e.timestamp));
    a.appendBigInt(BigInt(e.originalTimestamp));
    a.appendBigInt(BigInt(e.sentAt));
    a.appendBigInt(BigInt(e.receivedAt));
    a.appendVarchar(e.properties);
    a.appendVarchar(e.traits);
    a.appendVarchar(e.context);
    a.endRow();
  }
  a.closeSync();
}
