import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_ENGINES, freshClickHouse } from '../../../test/helpers/stores.js';
import type { EventRecord } from '../../ingest/event-record.js';
import { ClickHouseEventStore } from './clickhouse-event-store.js';
import { DuckDbEventStore } from './duckdb-event-store.js';
import type { EventStore } from './event-store.js';
import { sql } from './sql.js';

const ev = (over: Partial<EventRecord>): EventRecord => ({
  workspaceId: 'w1',
  messageId: 'm',
  type: 'track',
  event: 'Viewed',
  userId: 'u1',
  anonymousId: '',
  groupId: '',
  previousId: '',
  profileId: 'p1',
  timestamp: 1_700_000_000_000,
  originalTimestamp: 0,
  sentAt: 0,
  receivedAt: 1_700_000_000_500,
  properties: '{"a":1}',
  traits: '{}',
  context: '{}',
  ...over,
});

// The same suite for every event store: an implementation is done when this passes.
for (const engine of EVENT_ENGINES) {
  describe.skipIf(!engine.available)(`event store contract: ${engine.name}`, () => {
    let store: EventStore;
    let cleanup: () => Promise<void>;

    beforeAll(async () => {
      if (engine.name === 'duckdb') {
        const dir = mkdtempSync(path.join(tmpdir(), 'tailor-es-'));
        store = await DuckDbEventStore.open(path.join(dir, 'e.duckdb'));
        cleanup = async () => rmSync(dir, { recursive: true, force: true });
      } else {
        const db = await freshClickHouse();
        store = await ClickHouseEventStore.open(db.url);
        cleanup = db.drop;
      }
      await store.migrate();
      await store.migrate(); // idempotent
    });
    afterAll(async () => {
      await store.close();
      await cleanup();
    });

    it('stores events with every field intact and advances the checkpoint', async () => {
      const e = ev({
        messageId: 'm-1',
        userId: "o'brien\\x",
        properties: JSON.stringify({ text: '中文 "quoted" \\ back', n: 1.5 }),
        context: '{"ip":"1.2.3.4"}',
        originalTimestamp: 1_699_999_999_000,
        sentAt: 1_700_000_000_100,
      });
      await store.append([e], { name: 'n1', lsn: 10 });
      expect(await store.checkpoint('n1')).toBe(10);
      expect(await store.checkpoint('other')).toBe(0);
      const got = await store.profileEvents('w1', ['p1'], { limit: 10 });
      expect(got).toEqual([e]);
    });

    it('trialAppend writes nothing, and throws for an event the store refuses', async () => {
      const good = ev({ workspaceId: 'trial', messageId: 't-1' });
      const bad = ev({ workspaceId: 'trial', messageId: 't-2', timestamp: 'soon' as unknown as number });
      await store.trialAppend([good]);
      await expect(store.trialAppend([good, bad])).rejects.toThrow();
      expect(await store.countEvents('trial')).toBe(0);
      await store.append([good], { name: 'trial', lsn: 1 }); // the store still takes writes after a refusal
      expect(await store.countEvents('trial')).toBe(1);
    });

    it('never moves a checkpoint backwards', async () => {
      await store.append([], { name: 'n2', lsn: 50 });
      await store.append([], { name: 'n2', lsn: 40 });
      expect(await store.checkpoint('n2')).toBe(50);
    });

    it('pages a profile newest first with a keyset cursor, ties broken by message id', async () => {
      const evs = [1, 2, 3, 3, 4].map((t, i) =>
        ev({ workspaceId: 'w2', profileId: 'pp', messageId: `k${i}`, timestamp: t }),
      );
      await store.append(evs, { name: 'n3', lsn: 1 });
      const page1 = await store.profileEvents('w2', ['pp'], { limit: 2 });
      expect(page1.map((e) => e.messageId)).toEqual(['k4', 'k3']);
      const last = page1.at(-1)!;
      const page2 = await store.profileEvents('w2', ['pp'], {
        limit: 2,
        before: { timestamp: last.timestamp, messageId: last.messageId },
      });
      expect(page2.map((e) => e.messageId)).toEqual(['k2', 'k1']);
      const page3 = await store.profileEvents('w2', ['pp'], {
        limit: 2,
        before: { timestamp: 2, messageId: 'k1' },
      });
      expect(page3.map((e) => e.messageId)).toEqual(['k0']);
    });

    it('keeps workspaces apart in every read', async () => {
      await store.append([ev({ workspaceId: 'wa', messageId: 'same', profileId: 'shared' })], {
        name: 'n4',
        lsn: 1,
      });
      await store.append([ev({ workspaceId: 'wb', messageId: 'same', profileId: 'shared', event: 'B' })], {
        name: 'n4',
        lsn: 2,
      });
      expect((await store.profileEvents('wa', ['shared'], { limit: 10 })).map((e) => e.event)).toEqual([
        'Viewed',
      ]);
      expect((await store.latestEvents('wb', { limit: 10 })).map((e) => e.workspaceId)).toEqual(['wb']);
      expect(await store.countEvents('wa')).toBe(1);
      expect([...(await store.existingMessageIds('wa', ['same', 'nope']))]).toEqual(['same']);
      expect([...(await store.existingMessageIds('wc', ['same']))]).toEqual([]);
      // many long ids at once (replay after a crash checks a whole batch): far past 256 KiB of SQL
      const long = Array.from({ length: 6000 }, (_, i) => `${'m'.repeat(200)}-${i}`);
      expect([...(await store.existingMessageIds('wa', [...long, 'same']))]).toEqual(['same']);
    });

    it('lists the latest received events after a given time', async () => {
      await store.append(
        [
          ev({ workspaceId: 'w5', messageId: 'old', receivedAt: 100 }),
          ev({ workspaceId: 'w5', messageId: 'new', receivedAt: 200 }),
        ],
        { name: 'n5', lsn: 1 },
      );
      expect((await store.latestEvents('w5', { limit: 10 })).map((e) => e.messageId)).toEqual(['new', 'old']);
      expect(
        (await store.latestEvents('w5', { limit: 10, receivedAfter: 150 })).map((e) => e.messageId),
      ).toEqual(['new']);
    });

    it('scans message ids received since a time (dedup rebuild)', async () => {
      await store.append([ev({ workspaceId: 'w6', messageId: 'r1', receivedAt: 9e12 })], {
        name: 'n6',
        lsn: 1,
      });
      const seen: string[] = [];
      await store.scanMessageIds(8.9e12, (rows) =>
        seen.push(...rows.map((r) => `${r.workspaceId}/${r.messageId}`)),
      );
      expect(seen).toEqual(['w6/r1']);
    });

    it('binds hostile values as data, never as SQL', async () => {
      const evil = "x' OR 1=1 --";
      expect(await store.profileEvents('w1', [evil], { limit: 10 })).toEqual([]);
      const rows = await store.select(
        sql`SELECT count(*) AS n FROM events WHERE workspace_id = ${evil} OR workspace_id = ${'\\'}`,
      );
      expect(Number(rows[0]?.n)).toBe(0);
    });

    it('records merges for query-time attribution, the latest target winning', async () => {
      await store.recordMerges([{ workspaceId: 'w7', fromProfile: 'a', intoProfile: 'b', at: 1 }]);
      await store.recordMerges([{ workspaceId: 'w7', fromProfile: 'a', intoProfile: 'c', at: 2 }]);
      const rows = await store.select(
        sql`SELECT from_profile, argMax(into_profile, merged_at) AS into_profile FROM profile_merges WHERE workspace_id = ${'w7'} GROUP BY from_profile`,
      );
      expect(rows).toEqual([{ from_profile: 'a', into_profile: 'c' }]);
    });

    // DuckDB adds columns for the keys; ClickHouse keeps none. Either way events read back whole,
    // and a refused event in a batch still writes nothing.
    it('keeps events intact once JSON keys are asked for as columns', async () => {
      await store.materializeKeys([
        { source: 'properties', key: 'plan' },
        { source: 'traits', key: 'city' },
      ]);
      const keys = store.materializedKeys().map((k) => k.key);
      expect(keys).toEqual(engine.name === 'duckdb' ? ['plan', 'city'] : []);
      const e = ev({
        workspaceId: 'keys',
        messageId: 'k-1',
        properties: JSON.stringify({ plan: 'pro', n: 2 }),
        traits: '{"city":"上海"}',
      });
      const bad = ev({ workspaceId: 'keys', messageId: 'k-2', timestamp: 'soon' as unknown as number });
      await expect(store.trialAppend([e, bad])).rejects.toThrow();
      await expect(store.append([e, bad], { name: 'keys', lsn: 1 })).rejects.toThrow();
      expect(await store.countEvents('keys')).toBe(0);
      await store.append([e], { name: 'keys', lsn: 2 });
      expect(await store.profileEvents('keys', ['p1'], { limit: 10 })).toEqual([e]);
      expect(await store.latestEvents('keys', { limit: 10 })).toEqual([e]);
    });
  });
}
