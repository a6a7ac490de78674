/**
 * The floor under bench/ingest.ts: the same requests from the same load generator, against a
 * server that does only what any ingest server must (HTTP, JSON parse, JSON text for the
 * stores, fdatasync'd append; bench/ingest-floor-server.mjs), and the CPU the embedded event
 * store needs to write the same events. Together with the PGlite worker's CPU from
 * bench/ingest.ts they bound the rate Tailor could reach on this machine.
 *
 *   npx tsx bench/ingest-floor.ts [--users 40000] [--active 5000] [--batch 500] [--connections 8]
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { acceptMessage, isRejection } from '../src/ingest/accept-message.js';
import type { EventRecord } from '../src/ingest/event-record.js';
import { DuckDbEventStore } from '../src/stores/events/duckdb-event-store.js';
import { arg, batchBodies, machine, sendBodies, threadCpuSeconds } from './lib.js';

const users = Number(arg('users', '40000'));
const active = Number(arg('active', '5000'));
const batchSize = Number(arg('batch', '500'));
const connections = Number(arg('connections', '8'));
const dir = mkdtempSync(path.join(tmpdir(), 'tailor-floor-'));

const { bodies, events } = batchBodies(users, active, batchSize);
const sum = (cpu: Record<string, number>) => Object.values(cpu).reduce((a, b) => a + b, 0);

/** Sends every body to a fresh floor server in `mode`; events/s and CPU µs per event. */
async function floor(mode: 'raw' | 'full') {
  const child = spawn(
    process.execPath,
    [path.join(import.meta.dirname, 'ingest-floor-server.mjs'), path.join(dir, `${mode}.log`), mode],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const [port] = (await once(child.stdout!, 'data')) as [Buffer];
  const url = `http://127.0.0.1:${String(port).trim()}/v1/batch`;
  const serverStart = threadCpuSeconds(child.pid!);
  const clientStart = process.cpuUsage();
  const started = performance.now();
  await sendBodies(url, bodies, connections, '');
  const seconds = (performance.now() - started) / 1000;
  const server = sum(threadCpuSeconds(child.pid!)) - sum(serverStart);
  const client = process.cpuUsage(clientStart);
  child.kill();
  return {
    eventsPerSecond: Math.round(events / seconds),
    serverCpuMicrosPerEvent: Number(((server / events) * 1e6).toFixed(1)),
    loadGeneratorCpuMicrosPerEvent: Number(((client.user + client.system) / events).toFixed(1)),
  };
}

/** CPU of the whole process (DuckDB's threads included) per event appended, 20,000 a transaction. */
async function duckdbAppend() {
  const records: EventRecord[] = [];
  for (const b of bodies) {
    for (const m of (JSON.parse(b) as { batch: unknown[] }).batch) {
      const r = acceptMessage(m, { workspaceId: 'floor', receivedAt: Date.now(), defaults: {} });
      if (!isRejection(r)) records.push({ ...r, profileId: `p_${r.userId || r.anonymousId}` });
    }
  }
  const store = await DuckDbEventStore.open(path.join(dir, 'floor.duckdb'));
  await store.migrate();
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < records.length; i += 20_000)
    await store.append(records.slice(i, i + 20_000), { name: 'floor', lsn: i + 1 });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  await store.close();
  return {
    eventsPerSecond: Math.round(records.length / seconds),
    cpuMicrosPerEvent: Number(((used.user + used.system) / records.length).toFixed(1)),
  };
}

const result = {
  date: new Date().toISOString().slice(0, 10),
  machine: machine(),
  events,
  httpOnly: await floor('raw'),
  httpJsonAndFsync: await floor('full'),
  duckdbAppend: await duckdbAppend(),
};
rmSync(dir, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
