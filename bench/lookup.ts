/**
 * Profile lookup latency: GET /api/v1/profiles/{id} for random known ids (user ids and
 * anonymous ids) of a workspace loaded by `tailor demo`, over HTTP on loopback.
 *
 *   node bin/tailor.mjs --data-dir /tmp/big demo --users 1000000 --workspace big   # once (slow)
 *   npx tsx bench/lookup.ts --data-dir /tmp/big --workspace big --users 1000000 [--requests 5000]
 *   (TAILOR_STATE_URL / TAILOR_EVENTS_URL for server stores)
 */
import http from 'node:http';
import { demoUser } from '../src/demo/index.js';
import { arg, cli, machine, peakRssMiB, percentile, startServer } from './lib.js';

const dataDir = arg('data-dir', '/tmp/big');
const ws = arg('workspace', 'big');
const users = Number(arg('users', '1000000'));
const requests = Number(arg('requests', '5000'));
const concurrency = Number(arg('concurrency', '1'));
const env: Record<string, string> = { TAILOR_DATA_DIR: dataDir };
for (const k of ['TAILOR_STATE_URL', 'TAILOR_EVENTS_URL'] as const)
  if (process.env[k]) env[k] = process.env[k]!;

// --url and --key measure a server that is already running (started any way you like).
const given = arg('url', '');
const key = given
  ? arg('key', '')
  : cli(env, ['keys', 'create', '--workspace', ws, '--type', 'secret', '--name', 'bench']);
const server = given ? { url: given, child: undefined } : await startServer(env);
const headers = { Authorization: `Bearer ${key}` };

// node:http with keep-alive rather than fetch: a lighter client adds less of its own time.
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
function get(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent, headers }, (res) => {
        res.on('data', () => {});
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', reject);
  });
}

async function time(paths: string[]): Promise<number[]> {
  const lat: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < paths.length) {
        const p = paths[next++]!;
        const s = performance.now();
        const status = await get(`${server.url}/api/v1${p}`);
        if (status !== 200) throw new Error(`${p}: HTTP ${status}`);
        lat.push(performance.now() - s);
      }
    }),
  );
  return lat.sort((a, b) => a - b);
}

let seed = 12345;
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};
const ids = Array.from({ length: requests }, (_, i) => {
  const u = demoUser({ seed: 42, users }, Math.floor(rand() * users));
  return i % 2 === 0 ? u.userId : u.anonymousId;
});

await time(ids.slice(0, 200).map((id) => `/profiles/${encodeURIComponent(id)}`)); // warm-up
const lookup = await time(ids.map((id) => `/profiles/${encodeURIComponent(id)}`));
process.stderr.write(`lookups done: p99 ${percentile(lookup, 0.99).toFixed(2)} ms\n`);
const events = await time(
  ids.slice(0, 50).map((id) => `/profiles/${encodeURIComponent(id)}/events?limit=20`),
);
const search = await time(ids.slice(0, 5).map((id) => `/profiles?q=${encodeURIComponent(id)}&limit=20`));
const list = await time(Array.from({ length: 3 }, () => '/profiles?sort=total_spend&order=desc&limit=50'));
// Free-text searches, where no id, email or phone matches: a two-character Chinese name (too
// short for a trigram: a scan of profile_search), longer text (the trigram index), a city that
// many customers share (many rows to sort), and text nobody has.
const textQueries = ['张芳', '王秀', 'fang.zhang', 'zhangfang12', 'Seattle', '上海', 'qxqxqx'];
const textSearch: Record<string, number[]> = {};
for (const q of textQueries)
  textSearch[q] = await time(
    Array.from({ length: 3 }, () => `/profiles?q=${encodeURIComponent(q)}&limit=20`),
  );
const rss = server.child ? peakRssMiB(server.child.pid!) : Number.NaN;
if (server.child) {
  server.child.kill('SIGTERM');
  await new Promise((r) => server.child!.once('exit', r));
}

const ms = (l: number[]) => ({
  p50: +percentile(l, 0.5).toFixed(2),
  p95: +percentile(l, 0.95).toFixed(2),
  p99: +percentile(l, 0.99).toFixed(2),
  n: l.length,
});
process.stdout.write(
  `${JSON.stringify(
    {
      date: new Date().toISOString().slice(0, 10),
      machine: machine(),
      stores: `${env.TAILOR_STATE_URL ? 'postgres' : 'pglite'} + ${env.TAILOR_EVENTS_URL ? 'clickhouse' : 'duckdb'}`,
      customers: users,
      concurrency,
      profileLookupMs: ms(lookup),
      profileEventsPageMs: ms(events),
      searchByIdMs: ms(search),
      topSpendersPageMs: ms(list),
      textSearchMs: Object.fromEntries(Object.entries(textSearch).map(([q, l]) => [q, ms(l)])),
      peakServerRssMiB: rss,
    },
    null,
    2,
  )}\n`,
);
