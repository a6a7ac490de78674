/**
 * Segment engine benchmark on the data set of bench/segments-data.ts (1 M customers, 100 M
 * events, and a 10 M-event sample workspace `<ws>_10m`):
 *
 * 0. the JSON keys the definitions read kept as columns by the event store (DuckDB: added and
 *    filled once per data set, `EventStore.materializeKeys`; skipped with --json-keys, which
 *    also keeps full runs from asking for them, to measure reads from the JSON);
 * 1. full run from scratch: the 50 definitions of segment-definitions.ts plus every built-in
 *    model group, memberships cleared first (what `SegmentEngine.run` does: model cut points,
 *    the one pass, the diff with stored lists, writing lists and transitions, sizes);
 * 2. the same full run again with nothing changed (the periodic refresh);
 * 3. one pass versus one query per segment: the 50 sizes from one query, then from 50;
 * 4. preview of unsaved definitions on `<ws>_10m` and on the whole workspace;
 * 5. live (`--live`): `tailor serve` as its own process; a `Bench Ping` event posted for a
 *    known customer, then the profile's segments polled until `bench_50` shows.
 *
 *   npx tsx bench/segments.ts --data-dir /tmp/seg --workspace big [--skip-full | --once] [--skip-per-segment] [--json-keys]
 *     [--ratio-workspace big_10m] [--skip-big-previews] [--live 30 [--live-first 1000]]
 *   (TAILOR_STATE_URL / TAILOR_EVENTS_URL for server stores)
 *
 * Peak memory: this process's VmHWM for DuckDB (in-process); with ClickHouse the server's
 * VmHWM too (its pid from --clickhouse-pid, or scripts/test-servers.sh's pid file), reset
 * before each phase through /proc/<pid>/clear_refs.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { loadConfig } from '../src/config/env.js';
import { demoUser } from '../src/demo/index.js';
import { DEFAULT_END } from '../src/demo/options.js';
import { startTailor, type Tailor } from '../src/runtime/tailor.js';
import { Compiler } from '../src/segments/compile/compiler.js';
import { perProfile } from '../src/segments/compile/one-pass.js';
import type { Definition } from '../src/segments/dsl.js';
import { parseDefinition } from '../src/segments/parse-definition.js';
import { systemCtx } from '../src/services/context.js';
import { previewSegment } from '../src/services/segments/preview-segment.js';
import { join, raw, sql } from '../src/stores/events/sql.js';
import { arg, cli, machine, percentile, startServer } from './lib.js';
import { BENCH_SEGMENTS, LIST_ID, PING_EVENT, PING_SEGMENT } from './segment-definitions.js';

const dataDir = arg('data-dir', '/tmp/seg');
const ws = arg('workspace', 'big');
const users = Number(arg('users', '1000000'));
const liveTrials = Number(arg('live', '0'));
// The first pinged customer's index. A customer pinged in the last hour is already in
// `bench_50`: a second live run within the hour needs other customers.
const liveFirst = Number(arg('live-first', '1000'));
const skipPerSegment = process.argv.includes('--skip-per-segment');
const skipFull = process.argv.includes('--skip-full');
const jsonKeys = process.argv.includes('--json-keys');
/** Where one pass is compared with one query per segment (the 50 scans take long at 100 M). */
const ratioWs = arg('ratio-workspace', ws);
const chPidFile = `${process.env.TAILOR_TEST_SERVERS_DIR ?? '/tmp/tailor-test-servers'}/ch/ch.pid`;
const serverEvents = Boolean(process.env.TAILOR_EVENTS_URL);
const chPid = serverEvents
  ? Number(arg('clickhouse-pid', existsSync(chPidFile) ? readFileSync(chPidFile, 'utf8').trim() : '0'))
  : 0;

const log = (s: string) => process.stderr.write(`${s}\n`);
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Resets a process's peak resident memory (Linux ≥ 4.0). */
function resetPeak(pid: number | 'self'): void {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // not permitted: the figure is then the process's peak since it started
  }
}
function peakMiB(pid: number | 'self'): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : Number.NaN;
}

/** Times `fn` with both peaks reset first; the figures are the peaks during `fn`. */
async function phase<T>(name: string, fn: () => Promise<T>): Promise<{ ms: number; value: T; mem: string }> {
  resetPeak('self');
  if (chPid) resetPeak(chPid);
  const started = performance.now();
  const value = await fn();
  const ms = performance.now() - started;
  const mem = `${peakMiB('self')} MiB${chPid ? ` + ClickHouse ${peakMiB(chPid)} MiB` : ''}`;
  log(`${name}: ${secs(ms)}, peak ${mem}`);
  return { ms, value, mem };
}

async function install(tailor: Tailor, ws: string): Promise<void> {
  const { state, events } = tailor;
  for (const s of BENCH_SEGMENTS) parseDefinition(s.definition); // every one is valid
  await state.query("DELETE FROM segments WHERE workspace_id = $1 AND id LIKE 'bench\\_%'", [ws]);
  for (const s of BENCH_SEGMENTS)
    await state.query('INSERT INTO segments (workspace_id, id, name, definition) VALUES ($1, $2, $3, $4)', [
      ws,
      s.id,
      s.name,
      JSON.stringify(s.definition),
    ]);
  // A manual list of 20,000 customers, written the way the list service writes one.
  const [have] = await state.query('SELECT 1 FROM lists WHERE workspace_id = $1 AND id = $2', [ws, LIST_ID]);
  if (!have) {
    const rows = await events.select(
      sql`SELECT DISTINCT profile_id FROM events WHERE workspace_id = ${ws} AND user_id <> '' LIMIT 20000`,
    );
    const ids = rows.map((r) => String(r.profile_id));
    await events.writeListMembers(ws, LIST_ID, 1, ids);
    await state.query(
      `INSERT INTO lists (workspace_id, id, name, description, version, size, unmatched)
       VALUES ($1, $2, 'Bench VIP', '', 1, $3, 0)`,
      [ws, LIST_ID, ids.length],
    );
  }
}

/** Forgets the workspace's memberships so that the next run starts from scratch. */
async function clearMemberships(tailor: Tailor): Promise<void> {
  const { events } = tailor;
  if (events.kind === 'duckdb') {
    await events.select(sql`DELETE FROM segment_members WHERE workspace_id = ${ws}`);
    await events.select(sql`DELETE FROM segment_changes WHERE workspace_id = ${ws}`);
    return;
  }
  // ClickHouse 18.16: deletes are asynchronous mutations; wait for them.
  await events.select(sql`ALTER TABLE segment_members DELETE WHERE workspace_id = ${ws}`);
  await events.select(sql`ALTER TABLE segment_transitions DELETE WHERE workspace_id = ${ws}`);
  for (;;) {
    const [r] = await events.select(sql`SELECT count() AS n FROM system.mutations WHERE is_done = 0`);
    if (Number(r?.n ?? 0) === 0) break;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** The sizes of `defs` from one scan: one count per definition over one per-profile aggregation. */
async function sizes(
  tailor: Tailor,
  workspace: string,
  defs: readonly Definition[],
  now: number,
): Promise<number[]> {
  const engine = tailor.segments;
  const ctx = engine.compileContext(workspace, await engine.load(workspace), now);
  const c = new Compiler(engine.dialect, ctx);
  const counts = defs.map(
    (d, i) => sql`${engine.dialect.aggIf('count', null, c.definition(d))} AS ${raw(`s${i}`)}`,
  );
  const [r] = await tailor.events.select(
    sql`SELECT ${join(counts, raw(', '))} FROM ${c.withValues(perProfile(c, ctx))}`,
  );
  return defs.map((_, i) => Number(r?.[`s${i}`] ?? 0));
}

const PREVIEWS: unknown[] = [
  { type: 'event', event: 'Order Completed', window: { last: { amount: 30, unit: 'days' } } },
  {
    type: 'and',
    children: [
      { type: 'trait', trait: 'city', op: 'eq', value: '上海' },
      {
        type: 'aggregate',
        event: 'Order Completed',
        property: 'revenue',
        fn: 'sum',
        window: { last: { amount: 180, unit: 'days' } },
        compare: { op: 'gte', value: 1000 },
      },
    ],
  },
  {
    type: 'sequence',
    first: { event: 'Product Added' },
    second: { event: 'Checkout Started' },
    within: { amount: 1, unit: 'days' },
    followed: false,
    window: { last: { amount: 30, unit: 'days' } },
  },
  { type: 'model', model: 'lifecycle', value: 'at_risk' },
  {
    type: 'or',
    children: [
      { type: 'interest', category: 'beauty' },
      { type: 'computed', trait: 'total_spend', op: 'gte', value: 5000 },
    ],
  },
];

async function previews(tailor: Tailor, workspace: string): Promise<number[]> {
  const out: number[] = [];
  for (const root of PREVIEWS) {
    const s = performance.now();
    const r = await previewSegment({
      ctx: systemCtx(tailor, workspace),
      input: { definition: { version: 1, root }, sample: 20 },
    });
    out.push(performance.now() - s);
    log(`  preview ${workspace}: size ${r.size} of ${r.profiles} in ${secs(out.at(-1)!)}`);
  }
  return out;
}

async function engineBench(): Promise<void> {
  const env = jsonKeys ? { ...process.env, TAILOR_KEY_COLUMNS: 'off' } : process.env;
  const tailor = await startTailor(loadConfig(env, { dataDir }), { ingest: false });
  const [{ n }] = (await tailor.events.select(
    sql`SELECT count(*) AS n FROM events WHERE workspace_id = ${ws}`,
  )) as [{ n: unknown }];
  log(`${machine()}; ${tailor.events.kind}; ${ws}: ${Number(n)} events`);
  // The demo shop's history ends at DEFAULT_END: evaluated later, "in the last 30 days" is empty.
  tailor.segments.setClock(() => DEFAULT_END);
  await install(tailor, ws);
  if (!jsonKeys) {
    const keys = await phase('JSON keys as columns', () => tailor.segments.materializeReads(ws));
    log(`  ${keys.value} keys read; ${tailor.events.materializedKeys().length} kept as columns`);
  }
  if (!skipFull) {
    await clearMemberships(tailor);
    const scratch = await phase('full run from scratch', () => tailor.segments.run(ws));
    log(`  ${JSON.stringify(scratch.value)}`);
    if (!process.argv.includes('--once')) {
      const again = await phase('full run, nothing changed', () => tailor.segments.run(ws));
      log(`  ${JSON.stringify(again.value)}`);
    }
  }
  if (ratioWs !== ws) await install(tailor, ratioWs);

  const defs = BENCH_SEGMENTS.map((s) => s.definition);
  // One clock for both, so relative windows cut at the same instant.
  const now = DEFAULT_END;
  const one = await phase(`50 sizes on ${ratioWs}, one pass`, () => sizes(tailor, ratioWs, defs, now));
  if (!skipPerSegment) {
    const each = await phase(`50 sizes on ${ratioWs}, one query each`, async () => {
      const out: number[] = [];
      const took: string[] = [];
      for (const d of defs) {
        const started = performance.now();
        out.push(...(await sizes(tailor, ratioWs, [d], now)));
        took.push(((performance.now() - started) / 1000).toFixed(1));
      }
      log(`  seconds per segment: ${took.join(' ')}`);
      return out;
    });
    const differ = one.value.findIndex((v, i) => v !== each.value[i]);
    if (differ >= 0) throw new Error(`segment ${differ + 1}: ${one.value[differ]} vs ${each.value[differ]}`);
    log(`  ratio ${(each.ms / one.ms).toFixed(1)}×`);
  }
  log(`  sizes: ${one.value.join(' ')}`);

  const p10 = await phase(`previews on ${ws}_10m`, () => previews(tailor, `${ws}_10m`));
  const sorted = [...p10.value].sort((a, b) => a - b);
  log(`  median ${secs(percentile(sorted, 0.5))}, max ${secs(sorted.at(-1)!)}`);
  if (!process.argv.includes('--skip-big-previews'))
    await phase(`previews on ${ws}`, () => previews(tailor, ws));
  await tailor.close();
}

/** Posts a Bench Ping for known customers and waits until their profiles show `bench_50`. */
async function liveBench(): Promise<void> {
  const env: Record<string, string> = {
    TAILOR_DATA_DIR: dataDir,
    TAILOR_SEGMENT_REFRESH_MS: String(24 * 3600_000),
  };
  for (const k of ['TAILOR_STATE_URL', 'TAILOR_EVENTS_URL', 'TAILOR_DUCKDB_MEMORY'] as const)
    if (process.env[k]) env[k] = process.env[k]!;
  const write = cli(env, ['keys', 'create', '--workspace', ws, '--type', 'write']);
  const secret = cli(env, ['keys', 'create', '--workspace', ws, '--type', 'secret']);
  const server = await startServer(env);
  resetPeak(server.child.pid!);
  if (chPid) resetPeak(chPid);
  const agent = new http.Agent({ keepAlive: true });
  const request = (method: string, path: string, auth: string, body?: unknown) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        `${server.url}${path}`,
        { method, agent, headers: { Authorization: auth, 'Content-Type': 'application/json' } },
        (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      req.end(body === undefined ? undefined : JSON.stringify(body));
    });
  const basic = `Basic ${Buffer.from(`${write}:`).toString('base64')}`;
  const bearer = `Bearer ${secret}`;
  // A failed trial must not leave the server running (it holds the data directory).
  process.once('exit', () => server.child.kill('SIGKILL'));
  const latencies: number[] = [];
  for (let i = 0; i < liveTrials; i++) {
    const userId = demoUser({ seed: 42, users }, (liveFirst + i * 7919) % users).userId;
    const started = performance.now();
    const sent = await request('POST', '/v1/batch', basic, {
      batch: [{ type: 'track', event: PING_EVENT, userId, messageId: `ping-${Date.now()}-${i}` }],
    });
    if (sent.status !== 200) throw new Error(`batch: ${sent.status} ${sent.body}`);
    for (;;) {
      const r = await request('GET', `/api/v1/profiles/${userId}/segments`, bearer);
      if (
        r.status === 200 &&
        (JSON.parse(r.body) as { segments: { id: string }[] }).segments.some((s) => s.id === PING_SEGMENT)
      )
        break;
      if (performance.now() - started > 120_000) throw new Error(`${userId} never entered ${PING_SEGMENT}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    latencies.push(performance.now() - started);
    log(`  ${userId}: ${secs(latencies.at(-1)!)}`);
  }
  latencies.sort((a, b) => a - b);
  log(
    `live: ${liveTrials} pings, p50 ${secs(percentile(latencies, 0.5))}, p95 ${secs(percentile(latencies, 0.95))}, ` +
      `max ${secs(latencies.at(-1)!)}; server peak ${peakMiB(server.child.pid!)} MiB${chPid ? `, ClickHouse ${peakMiB(chPid)} MiB` : ''}`,
  );
  server.child.kill('SIGTERM');
  await new Promise((r) => server.child.once('exit', r));
}

if (!process.argv.includes('--live-only')) await engineBench();
if (liveTrials > 0) await liveBench();
