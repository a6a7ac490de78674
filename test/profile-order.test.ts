import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tailor } from '../src/runtime/tailor.js';
import { startTailor } from '../src/runtime/tailor.js';
import { systemCtx } from '../src/services/context.js';
import { getProfile } from '../src/services/profiles/get-profile.js';
import { createWorkspace } from '../src/services/workspaces/create-workspace.js';
import { testConfig } from './helpers/stores.js';

const t0 = Date.UTC(2026, 5, 1);
const at = (h: number) => new Date(t0 + h * 3600_000).toISOString();

// A customer's history: anonymous browsing on two devices, sign-up, orders, an alias from an
// old account id, a trait changed twice. Merges happen after some of the events they join.
const history = [
  { type: 'page', anonymousId: 'phone', name: 'Home', messageId: 'e1', timestamp: at(1) },
  {
    type: 'track',
    anonymousId: 'phone',
    event: 'Product Viewed',
    properties: { category: 'shoes' },
    messageId: 'e2',
    timestamp: at(2),
  },
  {
    type: 'track',
    anonymousId: 'laptop',
    event: 'Product Viewed',
    properties: { category: 'books' },
    messageId: 'e3',
    timestamp: at(3),
  },
  {
    type: 'identify',
    anonymousId: 'phone',
    userId: 'cust-1',
    traits: { email: 'c1@example.com', city: '上海' },
    messageId: 'e4',
    timestamp: at(4),
  },
  {
    type: 'track',
    userId: 'cust-1',
    event: 'Order Completed',
    properties: { revenue: 100, products: [{ category: 'shoes' }] },
    messageId: 'e5',
    timestamp: at(5),
  },
  {
    type: 'identify',
    anonymousId: 'laptop',
    userId: 'cust-1',
    traits: { city: '杭州' },
    messageId: 'e6',
    timestamp: at(6),
  },
  {
    type: 'track',
    userId: 'legacy-77',
    event: 'Order Completed',
    properties: { revenue: 40 },
    messageId: 'e7',
    timestamp: at(0),
  },
  { type: 'alias', previousId: 'legacy-77', userId: 'cust-1', messageId: 'e8', timestamp: at(7) },
  {
    type: 'track',
    anonymousId: 'laptop',
    event: 'Order Refunded',
    properties: { total: 40 },
    messageId: 'e9',
    timestamp: at(8),
  },
];

const orders: Record<string, number[]> = {
  arrival: [0, 1, 2, 3, 4, 5, 6, 7, 8],
  reversed: [8, 7, 6, 5, 4, 3, 2, 1, 0],
  identifyLast: [0, 1, 2, 4, 6, 8, 7, 3, 5],
  aliasFirst: [7, 6, 2, 8, 0, 4, 1, 5, 3],
};

describe('a profile does not depend on the order events arrive in', () => {
  let tailor: Tailor;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const c = await testConfig({ state: 'pglite', events: 'duckdb' });
    cleanup = c.cleanup;
    tailor = await startTailor(c.config);
  });
  afterAll(async () => {
    await tailor.close();
    await cleanup();
  });

  const snapshot = async (ws: string) => {
    const { profile, recentEvents } = await getProfile({
      ctx: systemCtx(tailor, ws),
      input: { id: 'cust-1' },
    });
    return {
      traits: profile.traits,
      computed: profile.computed,
      identities: profile.identities.map((i) => i.value).sort(),
      events: recentEvents.map((e) => e.messageId).sort(),
    };
  };

  it('gives one profile for every order, one batch or one event at a time, with replays', async () => {
    const results: unknown[] = [];
    for (const [name, order] of Object.entries(orders)) {
      for (const mode of ['batch', 'single'] as const) {
        const ws = `${name.toLowerCase()}-${mode}`;
        await createWorkspace({ tailor, actor: { type: 'system', id: 't' }, input: { id: ws, name: ws } });
        const msgs = order.map((i) => history[i]!);
        if (mode === 'batch') await tailor.ingestor.ingest(ws, msgs);
        else
          for (const m of msgs) {
            await tailor.ingestor.ingest(ws, [m]);
            await tailor.applier.idle();
          }
        await tailor.ingestor.ingest(ws, msgs.slice(0, 4)); // replays: dropped as duplicates
        await tailor.applier.idle();
        results.push(await snapshot(ws));
      }
    }
    const first = results[0] as Awaited<ReturnType<typeof snapshot>>;
    expect(first.traits).toEqual({ email: 'c1@example.com', city: '杭州' });
    expect(first.computed).toMatchObject({
      eventCount: 9,
      orderCount: 2,
      totalSpend: 140,
      refundCount: 1,
      refundTotal: 40,
    });
    expect(first.identities).toEqual(['cust-1', 'laptop', 'legacy-77', 'phone']);
    expect(first.events).toHaveLength(9);
    for (const r of results) expect(r).toEqual(first);
  });
});
