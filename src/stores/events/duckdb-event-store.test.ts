import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, describe, expect, it } from 'vitest';
import { DuckDbEventStore } from './duckdb-event-store.js';
import { sql } from './sql.js';

const dirs: string[] = [];
const freshFile = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tailor-duck-'));
  dirs.push(dir);
  return path.join(dir, 'events.duckdb');
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('DuckDB event store', () => {
  it('drops the primary key of segment_members and keeps every stored list', async () => {
    const file = freshFile();
    // The table as stores before this version created it, with lists in it.
    const old = await DuckDBInstance.create(file);
    const c = await old.connect();
    await c.run(`CREATE TABLE segment_members (
      workspace_id VARCHAR NOT NULL, profile_id VARCHAR NOT NULL, segments VARCHAR[] NOT NULL, run_id BIGINT NOT NULL,
      PRIMARY KEY (workspace_id, profile_id))`);
    await c.run(`INSERT INTO segment_members VALUES ('w1', 'p1', ['a', 'b'], 7), ('w1', 'p2', ['b'], 7)`);
    c.closeSync();
    old.closeSync();

    const store = await DuckDbEventStore.open(file);
    try {
      await store.migrate();
      await store.migrate(); // a second start finds nothing to do
      const keys = await store.select(
        sql`SELECT count(*) AS n FROM duckdb_constraints() WHERE table_name = 'segment_members' AND constraint_type = 'PRIMARY KEY'`,
      );
      expect(Number(keys[0]?.n)).toBe(0);
      const rows = await store.select(
        sql`SELECT profile_id, segments, run_id FROM segment_members ORDER BY profile_id`,
      );
      expect(rows.map((r) => [r.profile_id, r.segments, Number(r.run_id)])).toEqual([
        ['p1', ['a', 'b'], 7],
        ['p2', ['b'], 7],
      ]);
      // The columns keep their NOT NULL constraints.
      await expect(
        store.select(sql`INSERT INTO segment_members VALUES ('w1', NULL, ['a'], 8) RETURNING 1`),
      ).rejects.toThrow(/NOT NULL/i);
    } finally {
      await store.close();
    }
  });

  it("works in UTC whatever the machine's time zone", async () => {
    const store = await DuckDbEventStore.open(freshFile());
    try {
      const rows = await store.select(
        sql`SELECT current_setting('TimeZone') AS tz, epoch_ms(TRY_CAST('2024-01-01' AS TIMESTAMPTZ)) AS naive,
          epoch_ms(TRY_CAST('2024-01-01T08:00:00+08:00' AS TIMESTAMPTZ)) AS offset`,
      );
      expect(rows[0]?.tz).toBe('UTC');
      expect(Number(rows[0]?.naive)).toBe(Date.UTC(2024, 0, 1));
      expect(Number(rows[0]?.offset)).toBe(Date.UTC(2024, 0, 1));
    } finally {
      await store.close();
    }
  });
});
