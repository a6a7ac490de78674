/**
 * Where a full run's time goes (embedded DuckDB): each aggregate column of the one pass (the
 * 50 benchmark definitions plus the built-in models) computed alone over the per-profile
 * aggregation, next to the bare scan and group-by, and the model cut points' query. Any
 * workspace loaded by `tailor demo` will do; the costs grow about linearly with the events.
 *
 *   npx tsx bench/segments-profile.ts --data-dir /tmp/big --workspace big [--top 30] [--groups-only]
 *
 * --groups-only: only the aggregations as the one pass groups them, each alone (not the cut
 * points, the single GROUP BY of everything, or each column alone).
 */
import { loadConfig } from '../src/config/env.js';
import { DEFAULT_END } from '../src/demo/options.js';
import { startTailor } from '../src/runtime/tailor.js';
import { Compiler } from '../src/segments/compile/compiler.js';
import { modelParamsQuery } from '../src/segments/compile/model-params-query.js';
import { groupAggregation, perProfile } from '../src/segments/compile/one-pass.js';
import { MODEL_SEGMENTS } from '../src/segments/engine/segment-engine.js';
import { join, raw, render, type SqlFragment, sql } from '../src/stores/events/sql.js';
import { arg, machine } from './lib.js';
import { BENCH_SEGMENTS } from './segment-definitions.js';

const dataDir = arg('data-dir', '/tmp/big');
const ws = arg('workspace', 'big_10m');
const top = Number(arg('top', '30'));
const log = (s: string) => process.stderr.write(`${s}\n`);

const groupsOnly = process.argv.includes('--groups-only');
const tailor = await startTailor(loadConfig(process.env, { dataDir }), { ingest: false });
const engine = tailor.segments;
const w = await engine.load(ws);
for (const s of BENCH_SEGMENTS) w.segments.push({ id: s.id, definition: s.definition });
const ctx = engine.compileContext(ws, w, DEFAULT_END);
const c = new Compiler(engine.dialect, ctx);
for (const s of [...w.segments, ...MODEL_SEGMENTS]) c.definition(s.definition);
const columns = c.aggregateColumns();
const scan = engine.dialect.attributedEvents(
  ws,
  DEFAULT_END,
  undefined,
  undefined,
  ctx.materialized?.map((k) => k.column),
);
const events = c.rows(scan);

async function time(q: SqlFragment): Promise<number> {
  const started = performance.now();
  await tailor.events.select(q);
  return (performance.now() - started) / 1000;
}

log(`${machine()}; ${tailor.events.kind}; ${ws}; ${columns.length} aggregate columns`);
// The outer max(COLUMNS(*)) keeps DuckDB from dropping the unused aggregate; a first query warms the caches.
await time(sql`SELECT count(*) AS n FROM ${scan}`);
const bare = await time(
  sql`SELECT max(COLUMNS(*)) FROM (SELECT pid, count(*) AS a FROM ${scan} GROUP BY pid)`,
);
log(`scan + merge join + group-by, count only: ${bare.toFixed(2)} s`);
if (!groupsOnly) {
  log(`model cut points: ${(await time(modelParamsQuery(engine.dialect, ctx))).toFixed(2)} s`);
  const all = await time(
    sql`SELECT max(COLUMNS(*)) FROM (SELECT pid, ${join(columns, raw(', '))} FROM ${events} GROUP BY pid)`,
  );
  log(`every aggregate together, one GROUP BY: ${all.toFixed(2)} s`);
}
const max = engine.dialect.aggregatesPerGroupBy;
if (max !== undefined) {
  const grouped = await time(sql`SELECT max(COLUMNS(*)) FROM ${perProfile(c, ctx)}`);
  const groups = c.aggregateGroups(max);
  log(
    `as the one pass groups them (${groups.length} GROUP BYs by the events they see): ${grouped.toFixed(2)} s`,
  );
  for (const g of groups) {
    const s = await time(sql`SELECT max(COLUMNS(*)) FROM ${groupAggregation(c, scan, g)}`);
    const over = g.scope ? render(g.scope, (v) => JSON.stringify(v)).text : 'all events';
    log(`  ${s.toFixed(2).padStart(6)} s  ${String(g.columns.length).padStart(3)} columns over ${over}`);
  }
}
if (groupsOnly) {
  await tailor.close();
  process.exit(0);
}
const costs: { s: number; text: string }[] = [];
for (const col of columns) {
  const s = await time(
    sql`SELECT max(COLUMNS(*)) FROM (SELECT pid, ${col} FROM ${c.rows(scan, [col])} GROUP BY pid)`,
  );
  costs.push({ s: s - bare, text: render(col, (v) => JSON.stringify(v)).text.slice(0, 220) });
}
costs.sort((a, b) => b.s - a.s);
log(`sum of each aggregate's own cost: ${costs.reduce((t, x) => t + x.s, 0).toFixed(2)} s`);
for (const x of costs.slice(0, top)) log(`${x.s.toFixed(2).padStart(6)} s  ${x.text}`);
await tailor.close();
