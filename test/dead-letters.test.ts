import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventRecord } from '../src/ingest/event-record.js';
import { encodeRecords } from '../src/ingest/spool-codec.js';
import { startTailor } from '../src/runtime/tailor.js';
import { spooledEvent, SPOOLED_AT as T0 } from './helpers/records.js';
import { COMBOS, testConfig } from './helpers/stores.js';
import {
  api,
  makeWorkspace,
  startTestTailor,
  type TestServer,
  type TestWorkspace,
  track,
} from './helpers/tailor.js';

/** An event of workspace `ws` as the spool holds it; the bad ones below could come from an older Tailor. */
const record = (ws: string, messageId: string, userId: string, over: Partial<EventRecord> = {}) =>
  spooledEvent({ workspaceId: ws, messageId, userId, ...over });

// One event a store refuses must not hold up the others: it is set aside, listed, retried or dropped.
for (const combo of COMBOS) {
  describe.skipIf(!combo.available)(`events a store refuses, on ${combo.name}`, () => {
    let s: TestServer;
    let w: TestWorkspace;
    let other: TestWorkspace;

    beforeAll(async () => {
      s = await startTestTailor(combo);
      w = await makeWorkspace(s.tailor, 'shop');
      other = await makeWorkspace(s.tailor, 'other');
    });
    afterAll(async () => s?.close());

    it('sets the refused events aside and applies every other event of their batch and after', async () => {
      // Refused by the state store (a bigint column) and, on its own, by the event store (Int64).
      const stateBad = record(w.id, 'bad-state', 'u2', { timestamp: 1.5 });
      const eventsBad = record(w.id, 'bad-events', 'u3', { sentAt: 1e30 });
      await s.tailor.ingestor.reapply([
        record(w.id, 'good-1', 'u1'),
        stateBad,
        record(w.id, 'good-2', 'u1', { timestamp: T0 + 1000 }),
        eventsBad,
      ]);
      const r = await track(s.url, w.writeKey, '/v1/track', {
        userId: 'u1',
        event: 'Order Completed',
        properties: { revenue: 10 },
        timestamp: new Date(T0 + 2000).toISOString(),
      });
      expect(r.status).toBe(200);
      await s.tailor.applier.idle();

      const p = await api(s.url, w.secretKey, 'GET', '/profiles/u1');
      expect(p.status).toBe(200);
      expect(p.body.profile.computed.eventCount).toBe(3);
      expect(p.body.profile.computed.orderCount).toBe(1);
      // a set-aside event reaches neither store
      expect((await api(s.url, w.secretKey, 'GET', '/profiles/u2')).status).toBe(404);
      expect((await api(s.url, w.secretKey, 'GET', '/profiles/u3')).status).toBe(404);
      const stats = await api(s.url, w.secretKey, 'GET', '/ingest/stats');
      expect(stats.body.totalEvents).toBe(3);

      const list = await api(s.url, w.secretKey, 'GET', '/ingest/dead-letters');
      expect(list.status).toBe(200);
      expect(list.body.total).toBe(2);
      const byId = Object.fromEntries(
        (list.body.deadLetters as { id: number; messageId: string; error: string }[]).map((d) => [
          d.messageId,
          d,
        ]),
      );
      expect(byId['bad-state']).toMatchObject({
        type: 'track',
        event: 'Product Viewed',
        store: 'state',
        record: { userId: 'u2', timestamp: 1.5 },
      });
      expect(byId['bad-events']).toMatchObject({ store: 'events', record: { userId: 'u3', sentAt: 1e30 } });
      expect(byId['bad-state']!.error).not.toBe('');
      expect(s.tailor.applier.setAside).toBe(2);
      expect(await (await fetch(`${s.url}/metrics`)).text()).toMatch(/^tailor_ingest_set_aside_events 2$/m);

      // another workspace sees none of it
      const theirs = await api(s.url, other.secretKey, 'GET', '/ingest/dead-letters');
      expect(theirs.body).toMatchObject({ total: 0, deadLetters: [] });
      const id = byId['bad-state']!.id;
      expect((await api(s.url, other.secretKey, 'DELETE', `/ingest/dead-letters/${id}`)).status).toBe(404);
    });

    it('retries a set-aside event (refused again here, so set aside anew) and drops one for good', async () => {
      const before = await api(s.url, w.secretKey, 'GET', '/ingest/dead-letters');
      const [newest, oldest] = before.body.deadLetters as { id: number; messageId: string }[];
      const retried = await api(s.url, w.secretKey, 'POST', `/ingest/dead-letters/${oldest!.id}/retry`);
      expect(retried.status).toBe(202);
      await s.tailor.applier.idle();
      const after = await api(s.url, w.secretKey, 'GET', '/ingest/dead-letters');
      expect(after.body.total).toBe(2);
      expect(after.body.deadLetters[0]).toMatchObject({ messageId: oldest!.messageId });
      expect(after.body.deadLetters[0].id).toBeGreaterThan(newest!.id);

      expect((await api(s.url, w.secretKey, 'DELETE', `/ingest/dead-letters/${newest!.id}`)).status).toBe(
        204,
      );
      const gone = await api(s.url, w.secretKey, 'DELETE', `/ingest/dead-letters/${newest!.id}`);
      expect(gone.status).toBe(404);
      expect(gone.body.error.code).toBe('dead_letter_not_found');
      expect((await api(s.url, w.secretKey, 'GET', '/ingest/dead-letters')).body.total).toBe(1);
      const audit = await api(s.url, w.secretKey, 'GET', '/audit');
      const actions = (audit.body.entries as { action: string }[]).map((e) => e.action);
      expect(actions).toEqual(
        expect.arrayContaining(['ingest.dead_letter.retry', 'ingest.dead_letter.discard']),
      );
    });

    it('refuses such events at the door now: the tracking API answers invalid_timestamp', async () => {
      const r = await track(s.url, w.writeKey, '/v1/track', { userId: 'u9', event: 'E', timestamp: 1e20 });
      expect(r.status).toBe(400);
      expect(r.code).toBe('invalid_timestamp');
    });

    it('after a restart, skips a set-aside event still in the spool without trying it again', async () => {
      const { config, cleanup } = await testConfig(combo);
      try {
        const first = await startTailor(config);
        const ws = await makeWorkspace(first, 'replay');
        // In the spool but not yet applied, as if the process died right after setting it aside.
        const lsn = await first.spool.append(
          Buffer.from(
            encodeRecords([record(ws.id, 'r-good', 'r1'), record(ws.id, 'r-bad', 'r2', { timestamp: 1.5 })]),
          ),
        );
        await first.state.query(
          `INSERT INTO dead_letters (workspace_id, applier, spool_lsn, spool_index, message_id, type, event, store, error, record)
           VALUES ($1, $2, $3, 1, 'r-bad', 'track', 'Product Viewed', 'state', 'refused', decode('', 'base64'))`,
          [ws.id, `applier:${first.nodeId}`, lsn],
        );
        await first.close();

        const second = await startTailor(config);
        try {
          await second.applier.idle();
          expect(second.applier.failures).toBe(0);
          expect(await second.events.countEvents(ws.id)).toBe(1);
          const rows = await second.state.query<{ message_id: string }>(
            'SELECT message_id FROM dead_letters WHERE workspace_id = $1',
            [ws.id],
          );
          expect(rows.map((r) => r.message_id)).toEqual(['r-bad']);
        } finally {
          await second.close();
        }
      } finally {
        await cleanup();
      }
    });
  });
}
