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

/** One aggregate of the floor's 50: its event (null: any), its other condition, its function. */
interface Agg {
  ev: number | null;
  name: string;
  fn: 'count' | 'sum' | 'min' | 'max' | 'arg_max';
  cond: string;
  x?: string;
}

/** The 50 aggregates, over columns spelled by `cat` and `pro`. */
function aggregates(cat: (i: number) => string, pro: string): Agg[] {
  const a: Agg[] = [];
  for (let i = 0; i < 10; i++)
    a.push(
      { ev: i, name: `c30_${i}`, fn: 'count', cond: `ts >= ${END - 30 * DAY}` },
      { ev: i, name: `c90_${i}`, fn: 'count', cond: `ts >= ${END - 90 * DAY}` },
      { ev: i, name: `last_${i}`, fn: 'max', cond: '1 = 1', x: 'ts' },
    );
  for (const d of [30, 90, 365])
    a.push({ ev: 1, name: `rev${d}`, fn: 'sum', cond: `ts >= ${END - d * DAY}`, x: 'revenue' });
  for (let i = 0; i < 5; i++) a.push({ ev: i, name: `first_${i}`, fn: 'min', cond: '1 = 1', x: 'ts' });
  for (let i = 0; i < 10; i++)
    a.push({ ev: 0, name: `cat_${i}`, fn: 'count', cond: `${cat(i)} AND ts >= ${END - 90 * DAY}` });
  a.push({ ev: null, name: 'pro', fn: 'arg_max', cond: '1 = 1', x: pro });
  return a;
}

/** The 50 segment expressions over the aggregates, counted. */
function segmentCounts(): string {
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
  return `SELECT count(*), ${s.join(', ')} FROM p`;
}

/** `fn` over the rows where `cond` holds. */
function aggSql(x: Agg, cond: string): string {
  if (x.fn === 'count') return `count(*) FILTER (WHERE ${cond}) AS ${x.name}`;
  if (x.fn === 'arg_max') return `arg_max(${x.x}, ts) AS ${x.name}`;
  return `${x.fn}(CASE WHEN ${cond} THEN ${x.x} END) AS ${x.name}`;
}

/** Tailor's form: one GROUP BY profile with a FILTER (or CASE) per aggregate. */
function onePass(table: string, key: string, ev: (i: number) => string, aggs: Agg[]): string {
  const cols = aggs.map((x) => aggSql(x, x.ev === null ? x.cond : `${ev(x.ev)} AND ${x.cond}`));
  return `WITH p AS (SELECT ${key}, ${cols.join(', ')} FROM ${table} GROUP BY ${key}) ${segmentCounts()}`;
}

/**
 * One GROUP BY per event name (only its rows, only its aggregates, without the event test),
 * joined on the profile: fewer conditions per row, more hash tables and joins.
 */
function perEvent(table: string, key: string, ev: (i: number) => string, aggs: Agg[]): string {
  const groups = new Map<number | null, Agg[]>();
  for (const x of aggs) groups.set(x.ev, [...(groups.get(x.ev) ?? []), x]);
  const ctes: string[] = [];
  const joins: string[] = [];
  const cols: string[] = [];
  for (const [e, xs] of groups) {
    const g = e === null ? 'g_all' : `g${e}`;
    const where = e === null ? '' : `WHERE ${ev(e)}`;
    ctes.push(
      `${g} AS (SELECT ${key}, ${xs.map((x) => aggSql(x, x.cond)).join(', ')} FROM ${table} ${where} GROUP BY ${key})`,
    );
    if (e !== null) joins.push(`LEFT JOIN ${g} USING (${key})`);
    for (const x of xs) cols.push(x.fn === 'count' ? `coalesce(${x.name}, 0) AS ${x.name}` : x.name);
  }
  return `WITH ${ctes.join(', ')}, p AS (SELECT ${key}, ${cols.join(', ')} FROM g_all ${joins.join(' ')}) ${segmentCounts()}`;
}

/**
 * Pre-aggregated per (profile, event) with the distinct aggregates less their event test, then
 * per profile: the same aggregate over ten events costs one column in the big GROUP BY.
 */
function twoStage(table: string, key: string, evCol: string, ev: (i: number) => string, aggs: Agg[]): string {
  const names = new Map<string, string>();
  const keyOf = (x: Agg) => `${x.fn}|${x.cond}|${x.x ?? ''}`;
  const stage1: string[] = [];
  for (const x of aggs) {
    if (x.ev === null || names.has(keyOf(x))) continue;
    names.set(keyOf(x), `s${names.size}`);
    stage1.push(aggSql({ ...x, name: `s${names.size - 1}` }, x.cond));
  }
  const merge = { count: 'sum', sum: 'sum', min: 'min', max: 'max' } as const;
  const stage2 = aggs.map((x) => {
    if (x.ev === null) return `arg_max(last_x, last_ts) AS ${x.name}`;
    const e = `${merge[x.fn as keyof typeof merge]}(${names.get(keyOf(x))}) FILTER (WHERE ${ev(x.ev)})`;
    return x.fn === 'count' ? `coalesce(${e}, 0) AS ${x.name}` : `${e} AS ${x.name}`;
  });
  const pro = aggs.find((x) => x.ev === null)!.x!;
  return `WITH st AS (SELECT ${key}, ${evCol}, max(ts) AS last_ts, arg_max(${pro}, ts) AS last_x, ${stage1.join(', ')}
      FROM ${table} GROUP BY ${key}, ${evCol}),
    p AS (SELECT ${key}, ${stage2.join(', ')} FROM st GROUP BY ${key}) ${segmentCounts()}`;
}

await c.run('SET threads = 2');
const textAggs = aggregates((i) => `category = '${CATEGORIES[i]}'`, "plan = 'pro'");
const intAggs = aggregates((i) => `cat = ${i}`, 'pro');
const textEv = (i: number) => `event = '${ALL[i]}'`;
const intEv = (i: number) => `eid = ${i}`;
const result: Record<string, unknown> = {
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
    onePass('ev_text', 'profile_id', textEv, textAggs),
  ),
  onePassIntegerKeysSeconds: await time('one pass, integer keys', onePass('ev', 'pid', intEv, intAggs)),
  perEventTextKeysSeconds: await time(
    'per event name, joined, text keys',
    perEvent('ev_text', 'profile_id', textEv, textAggs),
  ),
  twoStageTextKeysSeconds: await time(
    'two stages (profile and event, then profile), text keys',
    twoStage('ev_text', 'profile_id', 'event', textEv, textAggs),
  ),
};
// The rows above are in arrival order (profiles interleaved), as ingest writes them. Clustered
// by profile, each profile's aggregate states stay in cache while its rows go by.
await c.run('CREATE TABLE ev_clustered AS SELECT * FROM ev ORDER BY pid');
result.onePassIntegerKeysClusteredSeconds = await time(
  'one pass, integer keys, clustered by profile',
  onePass('ev_clustered', 'pid', intEv, intAggs),
);
c.closeSync();
db.closeSync();
rmSync(dir, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
