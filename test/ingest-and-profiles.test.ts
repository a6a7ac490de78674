import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMBOS } from './helpers/stores.js';
import {
  api,
  makeWorkspace,
  startTestTailor,
  type TestServer,
  type TestWorkspace,
  track,
} from './helpers/tailor.js';

// Ingest through the Segment-compatible API and read profiles back, on every store combination.
for (const combo of COMBOS) {
  describe.skipIf(!combo.available)(`ingest and profiles on ${combo.name}`, () => {
    let s: TestServer;
    let w: TestWorkspace;

    beforeAll(async () => {
      s = await startTestTailor(combo);
      w = await makeWorkspace(s.tailor, 'shop');
    });
    afterAll(async () => s?.close());

    const idle = () => s.tailor.applier.idle();

    it('stitches anonymous activity into the identified profile and computes traits', async () => {
      const r = await track(s.url, w.writeKey, '/v1/batch', {
        batch: [
          { type: 'page', anonymousId: 'anon-1', name: 'Home', timestamp: '2026-03-01T10:00:00Z' },
          {
            type: 'track',
            anonymousId: 'anon-1',
            event: 'Product Viewed',
            properties: { category: 'shoes', price: 30 },
            timestamp: '2026-03-01T10:01:00Z',
          },
          {
            type: 'identify',
            anonymousId: 'anon-1',
            userId: 'user-1',
            traits: { email: ' Li.Na@Example.COM ', phone: '138 1234 5678', name: '李娜' },
            timestamp: '2026-03-01T10:02:00Z',
          },
          {
            type: 'track',
            userId: 'user-1',
            event: 'Order Completed',
            properties: { order_id: 'o1', revenue: 120.5, products: [{ category: 'shoes' }] },
            timestamp: '2026-03-02T10:00:00Z',
          },
          {
            type: 'track',
            userId: 'user-1',
            event: 'Order Completed',
            properties: { order_id: 'o2', total: '79.5' },
            timestamp: '2026-03-05T10:00:00Z',
          },
        ],
      });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ success: true, accepted: 5, rejected: [] });
      await idle();
      const p = await api(s.url, w.secretKey, 'GET', '/profiles/li.na@example.com');
      expect(p.status).toBe(200);
      const prof = p.body.profile;
      expect(prof.userId).toBe('user-1');
      expect(prof.email).toBe('li.na@example.com');
      expect(prof.phone).toBe('+8613812345678');
      expect(prof.traits.name).toBe('李娜');
      expect(prof.computed).toMatchObject({
        eventCount: 5,
        orderCount: 2,
        totalSpend: 200,
        averageOrderValue: 100,
        firstSeen: '2026-03-01T10:00:00.000Z',
        lastOrderAt: '2026-03-05T10:00:00.000Z',
        firstOrderAt: '2026-03-02T10:00:00.000Z',
      });
      expect(prof.computed.topCategories[0]).toEqual({ category: 'shoes', count: 2 });
      expect(prof.identities.map((i: { value: string }) => i.value).sort()).toEqual(['anon-1', 'user-1']);
      expect(p.body.recentEvents.map((e: { event: string }) => e.event)).toEqual([
        'Order Completed',
        'Order Completed',
        '',
        'Product Viewed',
        'Home',
      ]);
      // The same profile is reachable by every id.
      for (const id of ['anon-1', 'user-1', '+86 13812345678', prof.profileId]) {
        expect(
          (await api(s.url, w.secretKey, 'GET', `/profiles/${encodeURIComponent(id)}`)).body.profile
            .profileId,
        ).toBe(prof.profileId);
      }
    });

    it('lets the latest event timestamp win, whatever the arrival order', async () => {
      await track(s.url, w.writeKey, '/v1/identify', {
        userId: 'late-1',
        traits: { city: '上海' },
        timestamp: '2026-05-02T00:00:00Z',
      });
      await track(s.url, w.writeKey, '/v1/identify', {
        userId: 'late-1',
        traits: { city: '北京' },
        timestamp: '2026-05-01T00:00:00Z',
      });
      await idle();
      const p = await api(s.url, w.secretKey, 'GET', '/profiles/late-1');
      expect(p.body.profile.traits.city).toBe('上海');
      expect(p.body.profile.traitUpdatedAt.city).toBe('2026-05-02T00:00:00.000Z');
    });

    it('stores text with NUL characters, which PostgreSQL text and jsonb refuse', async () => {
      const r = await track(s.url, w.writeKey, '/v1/batch', {
        batch: [
          { type: 'identify', userId: 'nul-1', traits: { name: 'a\u0000b', 'k\u0000': 1 } },
          {
            type: 'track',
            userId: 'nul-1',
            event: 'Viewed\u0000',
            properties: { category: 'x\u0000y', note: '\uD800' },
          },
          { type: 'track', userId: 'nul-1', event: 'Order Completed', properties: { revenue: 5 } },
        ],
      });
      expect(r.status).toBe(200);
      await idle();
      const p = await api(s.url, w.secretKey, 'GET', '/profiles/nul-1');
      expect(p.status).toBe(200);
      expect(p.body.profile.computed.orderCount).toBe(1);
      expect(p.body.profile.traits.name).toBe('a\uFFFDb');
      // the next events still apply
      await track(s.url, w.writeKey, '/v1/track', {
        userId: 'nul-1',
        event: 'Order Completed',
        properties: { revenue: 1 },
      });
      await idle();
      const q = await api(s.url, w.secretKey, 'GET', '/profiles/nul-1');
      expect(q.body.profile.computed.orderCount).toBe(2);
    });

    it('corrects clock skew with sentAt and keeps the original timestamp', async () => {
      const before = Date.now();
      const r = await track(s.url, w.writeKey, '/v1/batch', {
        sentAt: '2020-01-01T00:01:00.000Z',
        batch: [
          {
            type: 'track',
            userId: 'skew-1',
            event: 'Tapped',
            messageId: 'skew-m1',
            timestamp: '2020-01-01T00:00:00.000Z',
          },
        ],
      });
      expect(r.status).toBe(200);
      await idle();
      const ev = (await api(s.url, w.secretKey, 'GET', '/profiles/skew-1/events')).body.events[0];
      const ts = Date.parse(ev.timestamp);
      const received = Date.parse(ev.receivedAt);
      expect(received - ts).toBe(60_000);
      expect(received).toBeGreaterThanOrEqual(before - 5);
      expect(ev.originalTimestamp).toBe('2020-01-01T00:00:00.000Z');
      expect(ev.sentAt).toBe('2020-01-01T00:01:00.000Z');
    });

    it('drops replays of a messageId and assigns one when missing', async () => {
      const body = { userId: 'dup-1', event: 'Clicked', messageId: 'dup-msg-1' };
      const a = await track(s.url, w.writeKey, '/v1/track', body);
      const b = await track(s.url, w.writeKey, '/v1/track', body);
      expect(a.body).toMatchObject({ accepted: 1, duplicates: 0 });
      expect(b.body).toMatchObject({ success: true, accepted: 0, duplicates: 1 });
      await track(s.url, w.writeKey, '/v1/track', { userId: 'dup-1', event: 'No id' });
      await idle();
      const evs = (await api(s.url, w.secretKey, 'GET', '/profiles/dup-1/events')).body.events;
      expect(evs).toHaveLength(2);
      expect(evs.find((e: { event: string }) => e.event === 'No id').messageId).toMatch(/^tailor-/);
    });

    it('keeps good events of a batch and reports each bad one', async () => {
      const r = await track(s.url, w.writeKey, '/v1/batch', {
        batch: [
          { type: 'track', userId: 'b-1', event: 'Good' },
          { type: 'track', userId: 'null', event: 'Junk id' },
          { type: 'track', userId: 'b-1' },
          { type: 'bogus', userId: 'b-1' },
          { type: 'track', userId: 'b-1', event: 'Big', properties: { blob: 'x'.repeat(33 * 1024) } },
          { type: 'track', userId: 'b-1', event: 'Bad time', timestamp: 'yesterday' },
        ],
      });
      expect(r.status).toBe(200);
      expect(r.body?.accepted).toBe(1);
      expect(
        ((r.body?.rejected ?? []) as { index: number; code: string }[]).map((x) => [x.index, x.code]),
      ).toEqual([
        [1, 'missing_id'],
        [2, 'missing_event'],
        [3, 'invalid_type'],
        [4, 'event_too_large'],
        [5, 'invalid_timestamp'],
      ]);
      const all = await track(s.url, w.writeKey, '/v1/batch', { batch: [{ type: 'track', event: 'x' }] });
      expect(all.status).toBe(400);
      expect(all.code).toBe('all_events_rejected');
      await idle();
      const stats = await api(s.url, w.secretKey, 'GET', '/ingest/stats');
      expect(
        stats.body.errors.find((e: { code: string }) => e.code === 'missing_id').count,
      ).toBeGreaterThanOrEqual(1);
    });

    it('enforces request, batch and event limits with specific codes', async () => {
      const huge = await track(s.url, w.writeKey, '/v1/batch', {
        batch: [{ type: 'track', userId: 'x', event: 'e', properties: { b: 'y'.repeat(600 * 1024) } }],
      });
      expect(huge.status).toBe(413);
      expect(huge.code).toBe('request_too_large');
      const many = await track(s.url, w.writeKey, '/v1/batch', {
        batch: Array.from({ length: 2501 }, () => ({ type: 'track', userId: 'x', event: 'e' })),
      });
      expect(many.status).toBe(400);
      expect(many.code).toBe('batch_too_large');
      const one = await track(s.url, w.writeKey, '/v1/track', {
        userId: 'x',
        event: 'e',
        properties: { b: 'z'.repeat(40 * 1024) },
      });
      expect(one.status).toBe(413);
      expect(one.code).toBe('event_too_large');
      const bomb = gzipSync(
        Buffer.from(
          JSON.stringify({
            batch: [{ type: 'track', userId: 'x', event: 'e', properties: { b: 'q'.repeat(2_000_000) } }],
          }),
        ),
      );
      const gz = await track(s.url, w.writeKey, '/v1/batch', bomb, { 'Content-Encoding': 'gzip' });
      expect(gz.status).toBe(413);
      const notJson = await track(s.url, w.writeKey, '/v1/track', '{"userId":');
      expect(notJson.status).toBe(400);
      expect(notJson.code).toBe('invalid_json');
    });

    it('accepts gzip bodies and the write key in the body', async () => {
      const body = gzipSync(
        Buffer.from(
          JSON.stringify({
            writeKey: w.writeKey,
            batch: [{ type: 'track', userId: 'gz-1', event: 'Zipped' }],
          }),
        ),
      );
      const res = await fetch(`${s.url}/v1/batch`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
        body,
      });
      expect(res.status).toBe(200);
      await idle();
      expect((await api(s.url, w.secretKey, 'GET', '/profiles/gz-1')).body.profile.computed.eventCount).toBe(
        1,
      );
    });

    it('refuses missing, unknown and revoked keys', async () => {
      const none = await fetch(`${s.url}/v1/track`, {
        method: 'POST',
        body: JSON.stringify({ userId: 'x', event: 'e' }),
      });
      expect(none.status).toBe(401);
      expect((await track(s.url, 'tw_nope-nope-nope', '/v1/track', { userId: 'x', event: 'e' })).status).toBe(
        401,
      );
      const created = await api(s.url, w.secretKey, 'POST', '/keys', { type: 'write', name: 'temp' });
      expect(created.status).toBe(201);
      expect((await track(s.url, created.body.secret, '/v1/track', { userId: 'k', event: 'e' })).status).toBe(
        200,
      );
      expect((await api(s.url, w.secretKey, 'DELETE', `/keys/${created.body.key.id}`)).status).toBe(204);
      expect((await track(s.url, created.body.secret, '/v1/track', { userId: 'k', event: 'e' })).status).toBe(
        401,
      );
      // A write key is not an admin key.
      expect((await api(s.url, w.writeKey, 'GET', '/profiles')).status).toBe(401);
    });

    it('searches, filters, sorts and pages profiles', async () => {
      const batch = Array.from({ length: 12 }, (_, i) => ({
        type: 'track',
        userId: `sort-${String(i).padStart(2, '0')}`,
        event: 'Order Completed',
        properties: { revenue: (i + 1) * 10 },
        timestamp: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(),
      }));
      await track(s.url, w.writeKey, '/v1/batch', { batch });
      await idle();
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const q: string = `/profiles?sort=total_spend&order=desc&limit=5&minTotalSpend=10&maxTotalSpend=120${cursor ? `&cursor=${cursor}` : ''}`;
        const page = await api(s.url, w.secretKey, 'GET', q);
        expect(page.status).toBe(200);
        seen.push(...page.body.profiles.map((p: { userId: string }) => p.userId));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(Array.from({ length: 12 }, (_, i) => `sort-${String(11 - i).padStart(2, '0')}`));
      const asc = await api(
        s.url,
        w.secretKey,
        'GET',
        '/profiles?sort=last_order_at&order=asc&limit=1&q=sort-03',
      );
      expect(asc.body.profiles.map((p: { userId: string }) => p.userId)).toEqual(['sort-03']);
      const byTrait = await api(
        s.url,
        w.secretKey,
        'GET',
        `/profiles?trait=${encodeURIComponent('city:上海')}`,
      );
      expect(byTrait.body.profiles.map((p: { userId: string }) => p.userId)).toEqual(['late-1']);
      const bad = await api(s.url, w.secretKey, 'GET', '/profiles?sort=nope');
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('invalid_request');
      expect((await api(s.url, w.secretKey, 'GET', '/profiles?cursor=garbage')).body.error.code).toBe(
        'invalid_cursor',
      );
    });

    it('finds profiles by part of any trait value, case-insensitively, and by values only', async () => {
      const at = (day: number) => new Date(Date.UTC(2026, 3, day)).toISOString();
      await track(s.url, w.writeKey, '/v1/batch', {
        batch: [
          {
            type: 'identify',
            userId: 'find-1',
            traits: { name: '欧阳娜娜', city: 'Zürich', plan: 'Gold_Plus', score: 4217 },
            timestamp: at(1),
          },
          {
            type: 'identify',
            userId: 'find-2',
            traits: { name: 'Anna Müller', city: '欧阳镇', plan: '100%' },
            timestamp: at(1),
          },
          {
            type: 'identify',
            anonymousId: 'find-anon',
            traits: { nickname: 'Quokka Fan' },
            timestamp: at(1),
          },
        ],
      });
      await idle();
      const ids = async (q: string) => {
        const r = await api(s.url, w.secretKey, 'GET', `/profiles?limit=50&q=${encodeURIComponent(q)}`);
        expect(r.status).toBe(200);
        return (r.body.profiles as { userId: string | null; anonymousIds?: string[] }[])
          .map((p) => p.userId ?? 'anonymous')
          .sort();
      };
      expect(await ids('欧阳')).toEqual(['find-1', 'find-2']); // two characters: no trigram, a scan
      expect(await ids('阳娜娜')).toEqual(['find-1']); // three or more: the trigram index
      expect(await ids('ZÜRICH')).toEqual(['find-1']); // case folded beyond ASCII
      expect(await ids('MÜLL')).toEqual(['find-2']);
      expect(await ids('421')).toEqual(['find-1']); // a number's digits
      expect(await ids('d_p')).toEqual(['find-1']); // `_` and `%` are literal
      expect(await ids('dXp')).toEqual([]);
      expect(await ids('0%')).toEqual(['find-2']);
      expect(await ids('plan')).toEqual([]); // a trait's name is not its value
      expect(await ids('quokka')).toEqual(['anonymous']);

      // A newer value replaces the old one in search; an older one changes nothing.
      await track(s.url, w.writeKey, '/v1/batch', {
        batch: [
          { type: 'identify', userId: 'find-1', traits: { city: 'Genève' }, timestamp: at(3) },
          { type: 'identify', userId: 'find-2', traits: { city: 'Oldtown' }, timestamp: at(0) },
        ],
      });
      await idle();
      expect(await ids('zürich')).toEqual([]);
      expect(await ids('genève')).toEqual(['find-1']);
      expect(await ids('oldtown')).toEqual([]);
      expect(await ids('欧阳镇')).toEqual(['find-2']);

      // An operator's correction is searchable at once.
      await api(s.url, w.secretKey, 'PATCH', '/profiles/find-2', { traits: { city: 'Lausanne' } });
      expect(await ids('lausanne')).toEqual(['find-2']);
      expect(await ids('欧阳镇')).toEqual([]);

      // Merged away: only the surviving profile is listed, with the traits of both.
      await track(s.url, w.writeKey, '/v1/batch', {
        batch: [{ type: 'alias', previousId: 'find-anon', userId: 'find-1', timestamp: at(4) }],
      });
      await idle();
      expect(await ids('quokka')).toEqual(['find-1']);
    });

    it('lets an operator correct a trait, audited', async () => {
      const r = await api(s.url, w.secretKey, 'PATCH', '/profiles/late-1', {
        traits: { city: '深圳', vip: true },
      });
      expect(r.status).toBe(200);
      expect(r.body.profile.traits).toMatchObject({ city: '深圳', vip: true });
      const audit = await api(s.url, w.secretKey, 'GET', '/audit?limit=5');
      const entry = audit.body.entries.find((e: { action: string }) => e.action === 'profile.traits.update');
      expect(entry).toMatchObject({
        actorType: 'key',
        targetType: 'profile',
        before: { city: '上海', vip: null },
        after: { city: '深圳', vip: true },
      });
      const removed = await api(s.url, w.secretKey, 'PATCH', '/profiles/late-1', { traits: { vip: null } });
      expect(removed.body.profile.traits.vip).toBeUndefined();
      expect(
        (await api(s.url, w.secretKey, 'PATCH', '/profiles/nobody-at-all', { traits: { a: 1 } })).status,
      ).toBe(404);
    });

    it('never merges two identified users silently', async () => {
      await track(s.url, w.writeKey, '/v1/identify', {
        userId: 'alice',
        anonymousId: 'device-9',
        traits: { name: 'Alice' },
      });
      await track(s.url, w.writeKey, '/v1/identify', {
        userId: 'bob',
        anonymousId: 'device-9',
        traits: { name: 'Bob' },
      });
      await idle();
      const alice = (await api(s.url, w.secretKey, 'GET', '/profiles/alice')).body.profile;
      const bob = (await api(s.url, w.secretKey, 'GET', '/profiles/bob')).body.profile;
      expect(alice.profileId).not.toBe(bob.profileId);
      expect(alice.traits.name).toBe('Alice');
      expect(bob.traits.name).toBe('Bob');
      const conflicts = await s.tailor.state.query(
        'SELECT id_value FROM identity_conflicts WHERE workspace_id = $1',
        ['shop'],
      );
      expect(conflicts.map((c) => c.id_value)).toContain('device-9');
      // An explicit alias does merge, and the events of both follow the survivor.
      await track(s.url, w.writeKey, '/v1/alias', { previousId: 'bob', userId: 'alice' });
      await idle();
      const merged = (await api(s.url, w.secretKey, 'GET', '/profiles/bob')).body;
      expect(merged.profile.profileId).toBe(alice.profileId);
      expect(merged.profile.mergedFrom).toContain(bob.profileId);
      expect(merged.recentEvents.length).toBeGreaterThanOrEqual(3);
    });
  });
}
