import { Analytics } from '@segment/analytics-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMBOS } from './helpers/stores.js';
import {
  api,
  makeWorkspace,
  startTestTailor,
  type TestServer,
  type TestWorkspace,
} from './helpers/tailor.js';

// Real traffic from Segment's own Node SDK, pointed at Tailor, checked through the admin API.
for (const combo of COMBOS) {
  describe.skipIf(!combo.available)(`@segment/analytics-node against Tailor on ${combo.name}`, () => {
    let s: TestServer;
    let w: TestWorkspace;
    beforeAll(async () => {
      s = await startTestTailor(combo);
      w = await makeWorkspace(s.tailor, 'sdk');
    });
    afterAll(async () => s?.close());

    it('delivers identify, track, page, screen, group and alias calls', async () => {
      const analytics = new Analytics({ writeKey: w.writeKey, host: s.url, flushAt: 20, flushInterval: 50 });
      const errors: unknown[] = [];
      analytics.on('error', (e) => errors.push(e));
      analytics.identify({
        anonymousId: 'sdk-anon',
        userId: 'sdk-user',
        traits: { email: 'SDK@Example.com', plan: 'pro' },
      });
      analytics.track({
        userId: 'sdk-user',
        event: 'Order Completed',
        properties: { revenue: 42, products: [{ category: 'books' }] },
      });
      analytics.page({ userId: 'sdk-user', name: 'Pricing', properties: { path: '/pricing' } });
      analytics.screen({ userId: 'sdk-user', name: 'Home' });
      analytics.group({ userId: 'sdk-user', groupId: 'acme', traits: { name: 'Acme' } });
      analytics.alias({ previousId: 'sdk-old-id', userId: 'sdk-user' });
      for (let i = 0; i < 50; i++)
        analytics.track({
          anonymousId: 'sdk-anon',
          event: 'Product Viewed',
          properties: { i, category: 'books' },
        });
      await analytics.closeAndFlush({ timeout: 10_000 });
      expect(errors).toEqual([]);
      await s.tailor.applier.idle();

      const p = await api(s.url, w.secretKey, 'GET', '/profiles/sdk@example.com');
      expect(p.status).toBe(200);
      expect(p.body.profile.userId).toBe('sdk-user');
      expect(p.body.profile.traits.plan).toBe('pro');
      expect(p.body.profile.computed).toMatchObject({ eventCount: 56, orderCount: 1, totalSpend: 42 });
      expect(p.body.profile.computed.topCategories[0]).toEqual({ category: 'books', count: 51 });
      expect(p.body.profile.identities.map((i: { value: string }) => i.value).sort()).toEqual([
        'sdk-anon',
        'sdk-old-id',
        'sdk-user',
      ]);
      const events = (await api(s.url, w.secretKey, 'GET', '/profiles/sdk-user/events?limit=100')).body
        .events as { type: string; context: { library?: { name: string } } }[];
      expect(new Set(events.map((e) => e.type))).toEqual(
        new Set(['identify', 'track', 'page', 'screen', 'group', 'alias']),
      );
      expect(events[0]!.context.library?.name).toBe('@segment/analytics-node');
    });
  });
}
