import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventRecord } from '../../ingest/event-record.js';
import { DuckDbEventStore } from './duckdb-event-store.js';
import type { Row } from './event-store.js';
import { duckdbJsonPath } from './json-path.js';
import { join, raw, sql } from './sql.js';

const dirs: string[] = [];
const freshFile = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tailor-duck-'));
  dirs.push(dir);
  return path.join(dir, 'events.duckdb');
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
/** `fn` on the store in `file`, migrated, closed after whatever happens. */
async function withStore(file: string, fn: (store: DuckDbEventStore) => Promise<void>): Promise<void> {
  const store = await DuckDbEventStore.open(file);
  try {
    await store.migrate();
    await fn(store);
  } finally {
    await store.close();
  }
}

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

    await withStore(file, async (store) => {
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
    });
  });

  it('moves the transitions of older stores into one row per run and profile, read back the same', async () => {
    const file = freshFile();
    const old = await DuckDBInstance.create(file);
    const c = await old.connect();
    await c.run(`CREATE TABLE segment_transitions (
      workspace_id VARCHAR NOT NULL, run_id BIGINT NOT NULL, segment_id VARCHAR NOT NULL, profile_id VARCHAR NOT NULL,
      "at" BIGINT NOT NULL, entered BOOLEAN NOT NULL)`);
    const rows = [
      ['w1', 1, 'a', 'p1', 100, true],
      ['w1', 1, 'b', 'p1', 100, true],
      ['w1', 1, 'a', 'p2', 100, true],
      ['w1', 2, 'a', 'p1', 200, false],
      ['w1', 2, 'c', 'p1', 200, true],
      ['w2', 2, 'a', 'p1', 200, false],
    ] as const;
    for (const r of rows)
      await c.run(
        `INSERT INTO segment_transitions VALUES ('${r[0]}', ${r[1]}, '${r[2]}', '${r[3]}', ${r[4]}, ${r[5]})`,
      );
    c.closeSync();
    old.closeSync();

    await withStore(file, async (store) => {
      await store.migrate();
      const back = await store.select(
        sql`SELECT workspace_id, run_id, segment_id, profile_id, "at", entered FROM segment_transitions
            ORDER BY workspace_id, run_id, profile_id, segment_id`,
      );
      expect(
        back.map((r) => [
          r.workspace_id,
          Number(r.run_id),
          r.segment_id,
          r.profile_id,
          Number(r.at),
          r.entered,
        ]),
      ).toEqual(
        [...rows].sort((x, y) =>
          `${x[0]}${x[1]}${x[3]}${x[2]}`.localeCompare(`${y[0]}${y[1]}${y[3]}${y[2]}`),
        ),
      );
      const changes = await store.select(sql`SELECT count(*) AS n FROM segment_changes`);
      expect(Number(changes[0]?.n)).toBe(4);
      const kinds = await store.select(
        sql`SELECT view_name FROM duckdb_views() WHERE view_name = 'segment_transitions' AND NOT internal`,
      );
      expect(kinds).toHaveLength(1);
    });
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

const ev = (i: number, properties: unknown, traits: unknown = {}): EventRecord => ({
  workspaceId: 'w1',
  messageId: `m-${i}`,
  type: 'track',
  event: 'Order Completed',
  userId: 'u1',
  anonymousId: '',
  groupId: '',
  previousId: '',
  profileId: `p${i % 3}`,
  timestamp: 1_700_000_000_000 + i,
  originalTimestamp: 0,
  sentAt: 0,
  receivedAt: 1_700_000_000_500,
  properties: typeof properties === 'string' ? properties : JSON.stringify(properties),
  traits: JSON.stringify(traits),
  context: '{}',
});

/** Every value the segment compiler's JSON read sees differently: types, odd keys, absence. */
const ODD_PROPERTIES: unknown[] = [
  { revenue: 12.5, category: 'shoes' },
  { revenue: '99.90', category: '鞋' },
  '{"revenue":1.50,"category":null}',
  { revenue: true, category: { nested: [1, 2] } },
  '{"revenue":12345678901234567890,"a.b":"dot","q\\"k":"quote"}',
  '{"revenue":1e400,"Revenue":"upper"}',
  { category: ['x', 'y'] },
  {},
  '{"revenue":"1","revenue":"2"}',
];

describe('DuckDB event store: JSON keys as columns', () => {
  const keys = [
    { source: 'properties', key: 'revenue' },
    { source: 'properties', key: 'category' },
    { source: 'properties', key: 'a.b' },
    { source: 'properties', key: 'q"k' },
    { source: 'traits', key: 'city' },
  ] as const;

  /** Each key column beside what the compiler's read of the JSON returns, for every row. */
  async function mismatches(store: DuckDbEventStore): Promise<Row[]> {
    const cols = store.materializedKeys();
    const checks = cols.map(
      (k) =>
        sql`${raw(k.column)} IS DISTINCT FROM json_extract_string(${raw(k.source)}, ${duckdbJsonPath(k.key)})`,
    );
    return store.select(sql`SELECT message_id FROM events WHERE ${join(checks, raw(' OR '))}`);
  }

  it('fills a column per key for the stored events and for every event appended later', async () => {
    const file = freshFile();
    await withStore(file, async (store) => {
      await store.append(
        ODD_PROPERTIES.map((p, i) => ev(i, p, i % 2 ? { city: '上海' } : { city: 7 })),
        { name: 'c', lsn: 1 },
      );
      expect(store.materializedKeys()).toEqual([]);
      await store.materializeKeys([...keys, keys[0]]);
      const cols = store.materializedKeys();
      expect(cols.map((k) => [k.source, k.key])).toEqual(keys.map((k) => [k.source, k.key]));
      expect(new Set(cols.map((k) => k.column)).size).toBe(keys.length);
      expect(await mismatches(store)).toEqual([]);
      const rev = cols.find((k) => k.key === 'revenue')!.column;
      const rows = await store.select(sql`SELECT ${raw(rev)} AS v FROM events ORDER BY timestamp`);
      expect(rows.map((r) => r.v)).toEqual([
        '12.5',
        '99.90',
        '1.5',
        'true',
        '12345678901234567890',
        '1e400',
        null,
        null,
        '1',
      ]);

      // Appends after the columns exist fill them, in a trial append and a real one alike.
      const later = ODD_PROPERTIES.map((p, i) => ev(100 + i, p, { city: `c${i}` }));
      await store.trialAppend(later);
      await store.append(later, { name: 'c', lsn: 2 });
      expect(await store.countEvents('w1')).toBe(ODD_PROPERTIES.length * 2);
      expect(await mismatches(store)).toEqual([]);
      // Asking again adds nothing.
      await store.materializeKeys(keys);
      expect(store.materializedKeys()).toEqual(cols);
    });
    // A restart reads the columns back; an interrupted fill is finished on start.
    await withStore(file, async (again) => {
      expect(again.materializedKeys().map((k) => k.key)).toEqual(keys.map((k) => k.key));
      const col = again.materializedKeys()[0]!.column;
      await again.select(sql`UPDATE events SET ${raw(col)} = NULL RETURNING 1`);
      await again.select(sql`UPDATE materialized_keys SET complete = false WHERE col = ${col} RETURNING 1`);
    });
    await withStore(file, async (third) => {
      expect(third.materializedKeys().map((k) => k.key)).not.toContain('revenue');
      await third.materializeKeys([]);
      expect(third.materializedKeys().map((k) => k.key)).toContain('revenue');
      expect(await mismatches(third)).toEqual([]);
    });
  });

  it('fills the new columns of events appended while the stored ones are being filled', async () => {
    await withStore(freshFile(), async (store) => {
      const batch = (from: number) =>
        Array.from({ length: 2_000 }, (_, i) => ev(from + i, ODD_PROPERTIES[i % ODD_PROPERTIES.length]));
      await store.append(batch(0), { name: 'c', lsn: 1 });
      const filled = store.materializeKeys(keys);
      const appends = [1, 2, 3, 4].map((n) => store.append(batch(n * 10_000), { name: 'c', lsn: n + 1 }));
      await Promise.all([filled, ...appends]);
      expect(store.materializedKeys()).toHaveLength(keys.length);
      expect(await store.countEvents('w1')).toBe(10_000);
      expect(await mismatches(store)).toEqual([]);
    });
  });

  it('keeps at most 48 keys as columns', async () => {
    await withStore(freshFile(), async (store) => {
      const many = Array.from({ length: 60 }, (_, i) => ({ source: 'properties' as const, key: `k${i}` }));
      await Promise.all([store.materializeKeys(many.slice(0, 30)), store.materializeKeys(many)]);
      const cols = store.materializedKeys();
      expect(cols).toHaveLength(48);
      expect(new Set(cols.map((k) => k.key)).size).toBe(48);
      await store.append([ev(1, { k0: 'a', k47: 'b' })], { name: 'c', lsn: 1 });
      expect(await mismatches(store)).toEqual([]);
    });
  });
});
