import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BENCH_SEGMENTS } from '../bench/segment-definitions.js';
import { loadDemo, parseDemoEnd } from '../src/cli/commands/demo.js';
import { DEFAULT_END } from '../src/demo/options.js';
import { type CompileContext, Compiler } from '../src/segments/compile/compiler.js';
import type { Dialect } from '../src/segments/compile/dialect.js';
import { duckdbDialect } from '../src/segments/compile/duckdb-dialect.js';
import { perProfile } from '../src/segments/compile/one-pass.js';
import { systemCtx } from '../src/services/context.js';
import { createApiKey } from '../src/services/keys/create-api-key.js';
import { join, raw, render, sql } from '../src/stores/events/sql.js';
import { api, makeWorkspace, startTestTailor, type TestServer, track } from './helpers/tailor.js';

// The models must show from the first moment: a new demo shop (what `npm start` shows) and a
// workspace whose first events arrive, not only after the first periodic full run (10 min).
describe('models from the first run', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestTailor({ state: 'pglite', events: 'duckdb' });
  });
  afterAll(async () => s?.close());

  it('a new demo shop has its RFM grid, spending tiers and lifecycle stages at once', async () => {
    await loadDemo(s.tailor, { workspaceId: 'shop', users: 120, seed: 42, end: parseDemoEnd('today') });
    const shopKey = (await createApiKey({ ctx: systemCtx(s.tailor, 'shop'), input: { type: 'secret' } }))
      .secret;
    const rfm = await api(s.url, shopKey, 'GET', '/models/rfm');
    expect(rfm.body.computedAt).not.toBeNull();
    expect(rfm.body.customers).toBeGreaterThan(0);
    const dist = await api(s.url, shopKey, 'GET', '/models/distribution');
    const spenders = (dist.body.spending as { count: number }[]).reduce((a, b) => a + b.count, 0);
    expect(spenders).toBeGreaterThan(0);
    const stages = await api(s.url, shopKey, 'GET', '/models/lifecycle');
    expect((stages.body.stages as { count: number }[]).reduce((a, b) => a + b.count, 0)).toBe(120);
  });

  it("a workspace's first live run computes the cut points, so its first customer is scored", async () => {
    const w = await makeWorkspace(s.tailor, 'fresh');
    const r = await track(s.url, w.writeKey, '/v1/track', {
      userId: 'first-buyer',
      event: 'Order Completed',
      properties: { revenue: 42 },
    });
    expect(r.status).toBe(200);
    await s.tailor.applier.idle();
    const rows = await s.tailor.state.query<{ profile_id: string }>(
      `SELECT profile_id FROM identities WHERE workspace_id = $1 AND id_value = 'first-buyer'`,
      [w.id],
    );
    await s.tailor.segments.run(w.id, { restrict: rows.map((x) => x.profile_id) });
    const rfm = await api(s.url, w.secretKey, 'GET', '/models/rfm');
    expect(rfm.body.computedAt).not.toBeNull();
    expect(rfm.body.customers).toBe(1);
    const seg = await api(s.url, w.secretKey, 'GET', '/profiles/first-buyer/segments');
    expect(JSON.stringify(seg.body)).toMatch(/rfm_grid:/);
  });

  // The one pass splits its aggregates into several GROUP BYs joined on the profile (DuckDB);
  // the 50 benchmark definitions must size the same however the columns are grouped, and
  // whether the JSON keys they read come from the JSON or from the store's key columns.
  it('sizes the benchmark segments the same in one aggregation, split into several, and from key columns', async () => {
    await loadDemo(s.tailor, { workspaceId: 'split', users: 150, seed: 7, end: DEFAULT_END });
    const engine = s.tailor.segments;
    const w = await engine.load('split');
    for (const b of BENCH_SEGMENTS) w.segments.push({ id: b.id, definition: b.definition });
    const fromJson: CompileContext = { ...engine.compileContext('split', w, DEFAULT_END), materialized: [] };
    const sizes = async (dialect: Dialect, ctx = fromJson) => {
      const c = new Compiler(dialect, ctx);
      const counts = BENCH_SEGMENTS.map(
        (b, i) => sql`${dialect.aggIf('count', null, c.definition(b.definition))} AS ${raw(`s${i}`)}`,
      );
      const q = sql`SELECT ${join(counts, raw(', '))} FROM ${c.withValues(perProfile(c, ctx))}`;
      const [r] = await s.tailor.events.select(q);
      return {
        sizes: BENCH_SEGMENTS.map((_, i) => Number(r?.[`s${i}`])),
        text: render(q, (v) => JSON.stringify(v)).text,
      };
    };
    const whole = (await sizes({ ...duckdbDialect, aggregatesPerGroupBy: undefined })).sizes;
    expect(whole.filter((n) => n > 0).length).toBeGreaterThan(25);
    expect((await sizes({ ...duckdbDialect, aggregatesPerGroupBy: 4 })).sizes).toEqual(whole);
    const split = await sizes(duckdbDialect);
    expect(split.sizes).toEqual(whole);
    expect(split.text).toMatch(/json_extract_string\(props/);

    expect(await engine.materializeReads('split', w)).toBeGreaterThanOrEqual(5);
    const ctx = engine.compileContext('split', w, DEFAULT_END);
    expect(ctx.materialized?.map((k) => k.key)).toEqual(
      expect.arrayContaining(['revenue', 'category', 'price']),
    );
    const stored = await sizes(duckdbDialect, ctx);
    expect(stored.sizes).toEqual(whole);
    // Every property the aggregates read now comes from its column; traits from the JSON.
    expect(stored.text).not.toMatch(/json_extract_string\(props/);
    expect(stored.text).toMatch(/json_extract_string\(traits/);
    // Trait columns, where a store has them, give the same sizes too.
    await s.tailor.events.materializeKeys([
      { source: 'traits', key: 'city' },
      { source: 'traits', key: 'gender' },
    ]);
    const withTraits = await sizes(duckdbDialect, engine.compileContext('split', w, DEFAULT_END));
    expect(withTraits.sizes).toEqual(whole);
    expect(stored.text).toContain('$.\\"city\\"');
    expect(withTraits.text).not.toContain('$.\\"city\\"');
    expect((await sizes({ ...duckdbDialect, aggregatesPerGroupBy: undefined }, ctx)).sizes).toEqual(whole);
  });
});
