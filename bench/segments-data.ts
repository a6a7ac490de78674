/**
 * Grows a workspace loaded by `tailor demo` into the segment benchmark's data set, directly
 * in the event store (going through ingest would take hours at these sizes):
 *
 * - older copies of every event, each copy shifted back by a quarter (97 days), sent and
 *   received times too (so a server's start-up dedup window does not read them), with its own
 *   message ids, until the workspace holds `--events` events (the customers keep their real
 *   profile ids and identities, so the state store and the live benchmark still know them);
 * - a second workspace `<ws>_10m` holding a `--preview-events` sample of the original events
 *   of the same customers, for the preview benchmark.
 *
 *   node bin/tailor.mjs --data-dir /tmp/big demo --users 1000000 --workspace big   # ≈ 20 min
 *   cp -r /tmp/big /tmp/seg
 *   npx tsx bench/segments-data.ts --data-dir /tmp/seg --workspace big [--events 100000000]
 *   (TAILOR_STATE_URL / TAILOR_EVENTS_URL for server stores, pointing at the demo's databases)
 */
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { ClickHouseClient, clickhouseLiteral } from '../src/stores/events/clickhouse-client.js';
import { openStateStore } from '../src/stores/state/open-state-store.js';
import { arg } from './lib.js';

const dataDir = arg('data-dir', '/tmp/seg');
const ws = arg('workspace', 'big');
const target = Number(arg('events', '100000000'));
const previewTarget = Number(arg('preview-events', '10000000'));
const previewWs = `${ws}_10m`;
const SHIFT_MS = 97 * 86_400_000;

/** The two engines' spellings of what the copies need. */
interface Engine {
  run(q: string): Promise<void>;
  count(where: string): Promise<number>;
  concat(...parts: string[]): string;
  /** Whether a column holds a text. */
  has(col: string, part: string): string;
  /** A stable pseudo-random number in [0, 1000) per event. */
  permille: string;
  lit(s: string): string;
  /** The store's key columns (JSON keys kept as columns), after the base columns in table order. */
  keyColumns(): Promise<string[]>;
}

async function duckdb(): Promise<Engine & { close(): void }> {
  const instance = await DuckDBInstance.create(path.join(dataDir, 'events.duckdb'), {
    memory_limit: process.env.TAILOR_DUCKDB_MEMORY ?? '4GB',
  });
  const c = await instance.connect();
  return {
    run: async (q) => void (await c.run(q)),
    count: async (where) =>
      Number((await c.runAndReadAll(`SELECT count(*) FROM events WHERE ${where}`)).getRows()[0]![0]),
    concat: (...parts) => parts.join(' || '),
    has: (col, part) => `contains(${col}, '${part}')`,
    permille: 'hash(message_id) % 1000',
    lit: (s) => `'${s.replaceAll("'", "''")}'`,
    keyColumns: async () =>
      (
        await c.runAndReadAll(
          `SELECT column_name FROM duckdb_columns() WHERE table_name = 'events' AND column_name LIKE 'm\\_%' ESCAPE '\\' ORDER BY column_index`,
        )
      )
        .getRows()
        .map((r) => String(r[0])),
    close: () => instance.closeSync(),
  };
}

function clickhouse(url: string): Engine & { close(): void } {
  const ch = ClickHouseClient.fromUrl(url);
  return {
    run: (q) => ch.exec(q),
    count: async (where) => Number((await ch.select(`SELECT count() AS n FROM events WHERE ${where}`))[0]!.n),
    concat: (...parts) => `concat(${parts.join(', ')})`,
    has: (col, part) => `position(${col}, '${part}') > 0`,
    permille: 'cityHash64(message_id) % 1000',
    lit: clickhouseLiteral,
    keyColumns: async () => [],
    close: () => {},
  };
}

const eventsUrl = process.env.TAILOR_EVENTS_URL;
const e = eventsUrl ? clickhouse(eventsUrl) : await duckdb();
// The key columns hold what is read from properties and traits, which the copies keep.
const keyColumns = (await e.keyColumns()).map((c) => `, ${c}`).join('');
const COLUMNS = (wsExpr: string, idExpr: string, shift: string) =>
  `${wsExpr}, ${idExpr}, type, event, user_id, anonymous_id, group_id, previous_id, profile_id,
   timestamp - ${shift}, original_timestamp - ${shift}, sent_at - ${shift}, received_at - ${shift}, properties, traits, context${keyColumns}`;

const inWs = (w: string) => `workspace_id = ${e.lit(w)}`;
const original = `NOT ${e.has('message_id', '~')}`;

const base = await e.count(`${inWs(ws)} AND ${original}`);
if (base === 0) throw new Error(`workspace ${ws} has no events: load it with tailor demo first`);
process.stderr.write(`${ws}: ${base} original events\n`);

// Copies k = 1, 2, …: the last one only a fraction of the events, to land on the target.
const copies = target / base - 1;
for (let k = 1; k <= Math.ceil(copies); k++) {
  const have = await e.count(`${inWs(ws)} AND ${e.has('message_id', `~${k}`)}`);
  if (have > 0) {
    process.stderr.write(`copy ${k} exists (${have} events)\n`);
    continue;
  }
  const share = Math.min(1, copies - (k - 1));
  const sample = share < 1 ? ` AND ${e.permille} < ${Math.round(share * 1000)}` : '';
  const started = performance.now();
  await e.run(
    `INSERT INTO events SELECT ${COLUMNS('workspace_id', e.concat('message_id', e.lit(`~${k}`)), String(k * SHIFT_MS))}
     FROM events WHERE ${inWs(ws)} AND ${original}${sample}`,
  );
  process.stderr.write(`copy ${k}: ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
}
process.stderr.write(`${ws}: ${await e.count(inWs(ws))} events\n`);

if ((await e.count(inWs(previewWs))) === 0) {
  const share = Math.round((Math.min(previewTarget, base) / base) * 1000);
  await e.run(
    `INSERT INTO events SELECT ${COLUMNS(e.lit(previewWs), 'message_id', '0')}
     FROM events WHERE ${inWs(ws)} AND ${original} AND ${e.permille} < ${share}`,
  );
  await e.run(
    `INSERT INTO profile_merges SELECT ${e.lit(previewWs)}, from_profile, into_profile, merged_at
     FROM profile_merges WHERE ${inWs(ws)}`,
  );
}
process.stderr.write(`${previewWs}: ${await e.count(inWs(previewWs))} events\n`);
e.close();

const state = await openStateStore(
  process.env.TAILOR_STATE_URL
    ? { kind: 'postgres', url: process.env.TAILOR_STATE_URL }
    : { kind: 'pglite', dir: path.join(dataDir, 'state') },
);
await state.query('INSERT INTO workspaces (id, name) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
  previewWs,
  `${ws} (10 M events sample)`,
]);
await state.close();
