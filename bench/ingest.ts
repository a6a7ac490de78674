/**
 * Ingest benchmark: sustained events/s through POST /v1/batch, acknowledged only when durable,
 * with the load generator on the same machine, against the raw write rate of the event store
 * for the same events (and, on DuckDB, of a store that keeps six JSON keys as columns).
 *
 *   npx tsx bench/ingest.ts [--users 80000] [--active 5000] [--batch 500] [--connections 8]
 *   TAILOR_STATE_URL=postgres://… TAILOR_EVENTS_URL=http://… npx tsx bench/ingest.ts   # server stores
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { acceptMessage, isRejection } from '../src/ingest/accept-message.js';
import type { EventRecord } from '../src/ingest/event-record.js';
import { openEventStore } from '../src/stores/events/open-event-store.js';
import {
  arg,
  batchBodies,
  cli,
  cpuBetween,
  machine,
  peakRssMiB,
  sendBodies,
  startServer,
  threadCpuSeconds,
} from './lib.js';

const users = Number(arg('users', '80000'));
const active = Number(arg('active', '5000'));
const batchSize = Number(arg('batch', '500'));
const connections = Number(arg('connections', '8'));
const dir = mkdtempSync(path.join(tmpdir(), 'tailor-bench-'));
const env: Record<string, string> = { TAILOR_DATA_DIR: dir };
for (const k of ['TAILOR_STATE_URL', 'TAILOR_EVENTS_URL'] as const)
  if (process.env[k]) env[k] = process.env[k]!;
const stores = `${env.TAILOR_STATE_URL ? 'postgres' : 'pglite'} + ${env.TAILOR_EVENTS_URL ? 'clickhouse' : 'duckdb'}`;

process.stderr.write(`generating ${users} demo customers' events…\n`);
const { bodies, events: total } = batchBodies(users, active, batchSize);
process.stderr.write(`${total} events in ${bodies.length} requests of ${batchSize}\n`);

const ws = `bench${Date.now() % 100000}`;
cli(env, ['workspace', 'create', '--name', 'bench', '--id', ws]);
const key = cli(env, ['keys', 'create', '--workspace', ws, '--type', 'write']);
const server = await startServer(env);
const auth = `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

const serverCpuStart = threadCpuSeconds(server.child.pid!);
const benchCpuStart = process.cpuUsage();
const started = performance.now();
const { acked, throttled } = await sendBodies(`${server.url}/v1/batch`, bodies, connections, auth);
const ackSeconds = (performance.now() - started) / 1000;
for (;;) {
  const h = (await (await fetch(`${server.url}/healthz`)).json()) as { backlog: number };
  if (h.backlog === 0) break;
  await new Promise((r) => setTimeout(r, 100));
}
const appliedSeconds = (performance.now() - started) / 1000;
const serverCpu = cpuBetween(serverCpuStart, threadCpuSeconds(server.child.pid!));
const benchCpu = process.cpuUsage(benchCpuStart);
const metricsText = await (await fetch(`${server.url}/metrics`)).text();
const metric = (name: string) =>
  Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(metricsText)?.[1] ?? Number.NaN);
const rss = peakRssMiB(server.child.pid!);
server.child.kill('SIGTERM');
await new Promise((r) => server.child.once('exit', r));

// The raw store: the same events appended straight to a fresh event store, in 20k-event transactions.
const records: EventRecord[] = [];
for (const b of bodies) {
  for (const m of (JSON.parse(b) as { batch: unknown[] }).batch) {
    const r = acceptMessage(m, { workspaceId: ws, receivedAt: Date.now(), defaults: {} });
    if (!isRejection(r)) records.push({ ...r, profileId: `p_${r.userId || r.anonymousId}` });
  }
}
const rawCfg = env.TAILOR_EVENTS_URL
  ? ({
      kind: 'clickhouse',
      url: `${env.TAILOR_EVENTS_URL.replace(/\/[^/]*$/, '')}/tailor_bench_raw`,
    } as const)
  : ({ kind: 'duckdb', file: path.join(dir, 'raw.duckdb') } as const);
const raw = await openEventStore(rawCfg);
const appendAll = async (store: typeof raw) => {
  const started = performance.now();
  for (let i = 0; i < records.length; i += 20_000)
    await store.append(records.slice(i, i + 20_000), { name: 'raw', lsn: i + 1 });
  return (performance.now() - started) / 1000;
};
const rawSeconds = await appendAll(raw);
await raw.close();
// The same into a store that keeps the six event properties the segment benchmark reads as
// columns (DuckDB; ClickHouse keeps none): each append then also reads them from the JSON.
let keyColumnsSeconds: number | undefined;
if (rawCfg.kind === 'duckdb') {
  const keyed = await openEventStore({ kind: 'duckdb', file: path.join(dir, 'keyed.duckdb') });
  await keyed.materializeKeys(
    ['revenue', 'total', 'value', 'category', 'query', 'price'].map((key) => ({
      source: 'properties' as const,
      key,
    })),
  );
  keyColumnsSeconds = await appendAll(keyed);
  await keyed.close();
}
rmSync(dir, { recursive: true, force: true });

const sustained = acked / appliedSeconds;
const rawRate = records.length / rawSeconds;
const result = {
  date: new Date().toISOString().slice(0, 10),
  machine: machine(),
  stores,
  events: acked,
  customers: users,
  activeCustomers: active,
  batch: batchSize,
  connections,
  ackedPerSecond: Math.round(acked / ackSeconds),
  sustainedPerSecond: Math.round(sustained),
  rawStorePerSecond: Math.round(rawRate),
  rawOverIngest: Number((rawRate / sustained).toFixed(2)),
  rawStoreWith6KeyColumnsPerSecond:
    keyColumnsSeconds === undefined ? null : Math.round(records.length / keyColumnsSeconds),
  peakServerRssMiB: rss,
  applyBatches: metric('tailor_ingest_apply_batches'),
  profileRowsWritten: metric('tailor_profile_rows_written'),
  throttled429: throttled,
  // CPU seconds while sending and applying, per thread of the server, and of the load generator
  serverCpuSeconds: serverCpu,
  loadGeneratorCpuSeconds: Number(((benchCpu.user + benchCpu.system) / 1e6).toFixed(1)),
  wallSeconds: Number(appliedSeconds.toFixed(1)),
};
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
