/**
 * The floor under bench/segments.ts: how fast DuckDB computes 50 aggregates and 50 segment
 * expressions in one pass over typed, synthetic events (no JSON, no identity merges), with
 * profile and event keys as text (as Tailor stores them today) and as small integers. It says
 * what a full run could cost at best on this machine, whatever the compiler does.
 *
 *   npx tsx bench/segments-floor.ts [--rows 100000000] [--profiles 1000000] [--dir /tmp/segfloor]
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { arg, machine } from './lib.js';

const rows = Number(arg('rows', '100000000'));
const profiles = Number(arg('profiles', '1000000'));
const dir = arg('dir', '/tmp/segfloor');
const END = 1_700_000_000_000 + 365 * 86_400_000;
const DAY = 86_400_000;
const ALL = [
  'Product Viewed',
  'Order Completed',
  'Page',
  'Cart Viewed',
  'Product Added',
  'Checkout Started',
  'Search',
  'Signed In',
  'Order Refunded',
  'Support',
];
const CATEGORIES = ['books', 'shoes', 'bags', 'toys', 'food', 'beauty', 'home', 'sports', 'music', 'garden'];

mkdirSync(dir, { recursive: true });
const file = path.join(dir, 'floor.duckdb');
rmSync(file, { force: true });
const db = await DuckDBInstance.create(file, { memory_limit: '8GB' });
const c = await db.connect();
const time = async (what: string, q: string) => {
  const t = performance.now();
  await c.run(q);
  const s = Number(((performance.now() - t) / 1000).toFixed(1));
  process.stderr.write(`${what}: ${s} s\n`);
  return s;
};
const list = (xs: string[]) => `[${xs.map((x) => `'${x}'`).join(',')}]`;

await time(
  'generate',
  `CREATE TABLE ev AS SELECT (hash(i) % ${profiles})::INTEGER AS pid, (hash(i * 7) % 10)::UTINYINT AS eid,
     ${END - 365 * DAY} + (i * 311) % ${365 * DAY} AS ts,
     CASE WHEN hash(i * 3) % 10 = 0 THEN (hash(i * 5) % 50000) / 100.0 END AS revenue,
     (hash(i * 11) % 10)::UTINYINT AS cat, hash(i * 13) % 3 = 0 AS pro
   FROM range(${rows}) t(i)`,
);
await time(
  'text keys',
  `CREATE TABLE ev_text AS SELECT 'p_' || pid::VARCHAR AS profile_id, (${list(ALL)})[eid + 1] AS event, ts, revenue,
     (${list(CATEGORIES)})[cat + 1] AS category, CASE WHEN pro THEN 'pro' ELSE 'free' END AS plan FROM ev`,
);

/** The 50 aggregates and 50 segments, over columns named by `col`. */
function onePass(
  table: string,
  key: string,
  ev: (i: number) => string,
  cat: (i: number) => string,
  pro: string,
) {
  const a: string[] = [];
  for (let i = 0; i < 10; i++)
    a.push(
      `count(*) FILTER (WHERE ${ev(i)} AND ts >= ${END - 30 * DAY}) AS c30_${i}`,
      `count(*) FILTER (WHERE ${ev(i)} AND ts >= ${END - 90 * DAY}) AS c90_${i}`,
      `max(ts) FILTER (WHERE ${ev(i)}) AS last_${i}`,
    );
  for (const d of [30, 90, 365])
    a.push(`sum(revenue) FILTER (WHERE ${ev(1)} AND ts >= ${END - d * DAY}) AS rev${d}`);
  for (let i = 0; i < 5; i++) a.push(`min(ts) FILTER (WHERE ${ev(i)}) AS first_${i}`);
  for (let i = 0; i < 10; i++)
    a.push(`count(*) FILTER (WHERE ${ev(0)} AND ${cat(i)} AND ts >= ${END - 90 * DAY}) AS cat_${i}`);
  a.push(`arg_max(${pro}, ts) AS pro`);
  const s: string[] = [];
  for (let i = 0; i < 10; i++)
    s.push(
      `count(*) FILTER (WHERE c30_${i} >= 1)`,
      `count(*) FILTER (WHERE c90_${i} >= 3 AND c30_${i} = 0)`,
      `count(*) FILTER (WHERE last_${i} < ${END - 60 * DAY})`,
      `count(*) FILTER (WHERE cat_${i} >= 2 AND rev90 > 100)`,
    );
  for (let i = 0; i < 5; i++) s.push(`count(*) FILTER (WHERE first_${i} >= ${END - 30 * DAY})`);
  s.push(
    'count(*) FILTER (WHERE rev365 >= 1000)',
    'count(*) FILTER (WHERE pro AND rev30 > 0)',
    'count(*) FILTER (WHERE rev30 IS NULL AND rev90 > 0)',
    'count(*) FILTER (WHERE c30_0 > 10 OR c30_1 > 2)',
    'count(*) FILTER (WHERE c90_2 > 0 AND last_3 IS NULL)',
  );
  return `WITH p AS (SELECT ${key}, ${a.join(', ')} FROM ${table} GROUP BY ${key}) SELECT count(*), ${s.join(', ')} FROM p`;
}

await c.run('SET threads = 2');
const result = {
  date: new Date().toISOString().slice(0, 10),
  machine: machine(),
  rows,
  profiles,
  groupByOnlyTextKeysSeconds: await time(
    'group by, text keys',
    'SELECT profile_id, count(*) FROM ev_text GROUP BY 1',
  ),
  groupByOnlyIntegerKeysSeconds: await time(
    'group by, integer keys',
    'SELECT pid, count(*) FROM ev GROUP BY 1',
  ),
  onePassTextKeysSeconds: await time(
    'one pass, text keys',
    onePass(
      'ev_text',
      'profile_id',
      (i) => `event = '${ALL[i]}'`,
      (i) => `category = '${CATEGORIES[i]}'`,
      "plan = 'pro'",
    ),
  ),
  onePassIntegerKeysSeconds: await time(
    'one pass, integer keys',
    onePass(
      'ev',
      'pid',
      (i) => `eid = ${i}`,
      (i) => `cat = ${i}`,
      'pro',
    ),
  ),
};
c.closeSync();
db.closeSync();
rmSync(dir, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
