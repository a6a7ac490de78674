import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemCtx } from '../src/services/context.js';
import { saveSegment } from '../src/services/segments/save-segment.js';
import { EVENT_ENGINES } from './helpers/stores.js';
import { makeWorkspace, startTestTailor, type TestServer } from './helpers/tailor.js';

// Live runs after a bulk load: thousands of dirty profiles at once. On ClickHouse the profile
// ids are literals in the SQL, and one run over 30,000 of them failed on every tick (the query
// passed the server's 256 KiB limit), so memberships stopped following events.
for (const engine of EVENT_ENGINES) {
  describe.skipIf(!engine.available)(`live runs after a bulk load on ${engine.name}`, () => {
    let s: TestServer;
    beforeAll(async () => {
      s = await startTestTailor({ state: 'pglite', events: engine.name });
    });
    afterAll(async () => s?.close());

    const load = async (ws: string, from: number, n: number) => {
      const batch = Array.from({ length: n }, (_, i) => ({
        type: 'track',
        userId: `bulk-user-with-a-long-id-${String(from + i).padStart(8, '0')}`,
        event: 'Signed Up',
        timestamp: new Date(Date.now() - 60_000).toISOString(),
      }));
      await s.tailor.ingestor.ingest(ws, batch);
      await s.tailor.applier.idle();
      await s.tailor.segments.runDirty();
    };

    it('keeps every membership current, in chunks and then by one full run', async () => {
      const w = await makeWorkspace(s.tailor, 'bulk');
      const seg = await saveSegment({
        ctx: systemCtx(s.tailor, w.id),
        input: { name: 'signed up', definition: { version: 1, root: { type: 'event', event: 'Signed Up' } } },
      });
      const size = async () => (await s.tailor.segments.sizes(w.id)).get(seg.id) ?? 0;
      await load(w.id, 0, 10_000); // ten runs of 1,000 on ClickHouse
      expect(await size()).toBe(10_000);
      await load(w.id, 10_000, 12_000); // past ten runs' worth: one full run
      expect(await size()).toBe(22_000);
    }, 120_000);
  });
}
