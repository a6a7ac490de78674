import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoHistories } from '../src/demo/index.js';
import { spawnServer } from '../test/helpers/spawn-server.js';

export const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin/tailor.mjs');

export function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}`;
}

export function cli(env: Record<string, string>, args: string[]): string {
  return execFileSync(process.execPath, [bin, ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  }).trim();
}

/** `tailor serve` as its own process; BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles it. */
export const startServer = (env: Record<string, string>) =>
  spawnServer(env, (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean));

/** Peak resident memory of a process (VmHWM), in MiB. */
export function peakRssMiB(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : Number.NaN;
}

/**
 * CPU seconds (user + system) a process has used so far, by thread: `main`, then each other
 * thread by its id (worker threads, DuckDB's and libuv's pools).
 */
export function threadCpuSeconds(pid: number): Record<string, number> {
  const out: Record<string, number> = {};
  const tick = 100; // USER_HZ on Linux
  for (const t of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${t}/stat`, 'utf8');
      // Node names no thread (all are "node"); the main thread's id is the process id
      const name = t === String(pid) ? 'main' : `thread ${t}`;
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out[name] = (out[name] ?? 0) + (Number(f[11]) + Number(f[12])) / tick;
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return out;
}

/** The CPU seconds each thread name used between two `threadCpuSeconds` readings. */
export function cpuBetween(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(b)) {
    const d = v - (a[k] ?? 0);
    if (d >= 0.5) out[k] = Number(d.toFixed(1));
  }
  return Object.fromEntries(Object.entries(out).sort((x, y) => y[1] - x[1]));
}

/**
 * Demo customers' events in the order a live shop would send them: `active` customers at a
 * time, their events interleaved round-robin, so one request holds events of many customers
 * and each customer shows up in many requests (as concurrent sessions do).
 */
export function* liveOrder(users: number, active: number, seed = 7): Generator<Record<string, unknown>> {
  const queue: Record<string, unknown>[][] = [];
  const gen = demoHistories({ seed, users });
  let exhausted = false;
  const refill = () => {
    while (!exhausted && queue.length < active) {
      const n = gen.next();
      if (n.done) exhausted = true;
      else queue.push([...n.value.messages]);
    }
  };
  refill();
  while (queue.length > 0) {
    for (let i = 0; i < queue.length; ) {
      const m = queue[i]!.shift();
      if (m) yield m;
      if (queue[i]!.length === 0) queue.splice(i, 1);
      else i++;
    }
    refill();
  }
}

/** `liveOrder` events as pre-serialised `/v1/batch` bodies of `batchSize` events. */
export function batchBodies(users: number, active: number, batchSize: number) {
  const bodies: string[] = [];
  let batch: unknown[] = [];
  let events = 0;
  for (const m of liveOrder(users, active)) {
    batch.push(m);
    events++;
    if (batch.length === batchSize) {
      bodies.push(JSON.stringify({ batch }));
      batch = [];
    }
  }
  if (batch.length > 0) bodies.push(JSON.stringify({ batch }));
  return { bodies, events };
}

/**
 * POSTs every body to `url` over `connections` keep-alive connections (fetch, as the Segment
 * SDKs use), retrying 429s after 50 ms. Returns the events acknowledged.
 */
export async function sendBodies(url: string, bodies: readonly string[], connections: number, auth: string) {
  let next = 0;
  let acked = 0;
  let throttled = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++]!;
        for (;;) {
          const res = await fetch(url, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Authorization: auth },
            body,
          });
          const json = (await res.json()) as { accepted?: number };
          if (res.status === 429) {
            throttled++;
            await new Promise((r) => setTimeout(r, 50));
            continue;
          }
          if (!res.ok) throw new Error(`HTTP ${res.status}`);
          acked += json.accepted ?? 0;
          break;
        }
      }
    }),
  );
  return { acked, throttled };
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? Number.NaN;
}

export function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : dflt;
}
