import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  makeWorkspace,
  startTestTailor,
  type TestServer,
  type TestWorkspace,
  track,
} from './helpers/tailor.js';

// The segmentation API over HTTP on the embedded stores: segments, preview, members, CSV
// export, sizes, a profile's membership, manual lists, models and the data schema.
describe('segment API', () => {
  let s: TestServer;
  let w: TestWorkspace;
  const at = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString();

  beforeAll(async () => {
    s = await startTestTailor({ state: 'pglite', events: 'duckdb' });
    w = await makeWorkspace(s.tailor, 'segapi');
    const batch = [];
    for (let i = 0; i < 5; i++) {
      batch.push({
        type: 'identify',
        userId: `u${i}`,
        traits: {
          plan: i < 3 ? 'pro' : 'free',
          email: `u${i}@example.com`,
          name: i === 0 ? '=cmd' : `U ${i}`,
        },
        timestamp: at(20),
      });
      if (i % 2 === 0)
        batch.push({
          type: 'track',
          userId: `u${i}`,
          event: 'Order Completed',
          properties: { total: 10 * (i + 1), category: 'books' },
          timestamp: at(5),
        });
    }
    expect((await track(s.url, w.writeKey, '/v1/batch', { batch })).status).toBe(200);
    await s.tailor.applier.idle();
  });
  afterAll(async () => s?.close());

  const call = (method: string, path: string, body?: unknown) => api(s.url, w.secretKey, method, path, body);
  const proBuyers = {
    version: 1,
    root: {
      type: 'and',
      children: [
        { type: 'trait', trait: 'plan', op: 'eq', value: 'pro' },
        { type: 'event', event: 'Order Completed', window: { last: { amount: 30, unit: 'days' } } },
      ],
    },
  };

  it('previews, rejects a bad definition at its node, creates, lists, pages and exports members', async () => {
    const p = await call('POST', '/segments/preview', { definition: proBuyers, sample: 10 });
    expect(p.status).toBe(200);
    expect(p.body).toMatchObject({ size: 2, profiles: 5 });
    const bad = await call('POST', '/segments/preview', {
      definition: {
        version: 1,
        root: {
          type: 'and',
          children: [{ type: 'event', event: 'X', count: { op: 'at_least', value: -1 } }],
        },
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_definition');
    expect(bad.body.error.details.issues[0].path).toBe('/root/children/0/count/value');

    const created = await call('POST', '/segments', { name: 'Pro buyers', definition: proBuyers });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Pro buyers', size: 2, kind: 'segment' });
    const id = created.body.id as string;
    const listed = await call('GET', '/segments');
    expect(listed.body.segments.map((x: { id: string }) => x.id)).toEqual([id]);
    const withModels = await call('GET', '/segments?include=models');
    expect(withModels.body.segments.find((x: { id: string }) => x.id === 'lifecycle:prospect')).toMatchObject(
      {
        kind: 'model',
        size: 2,
      },
    );

    const page1 = await call('GET', `/segments/${id}/members?limit=1`);
    const page2 = await call('GET', `/segments/${id}/members?limit=1&cursor=${page1.body.nextCursor}`);
    const users = [...page1.body.members, ...page2.body.members].map((m: { userId: string }) => m.userId);
    expect(users.sort()).toEqual(['u0', 'u2']);
    expect(page2.body.nextCursor).toBeNull();

    const csv = await fetch(`${s.url}/api/v1/segments/${id}/export.csv`, {
      headers: { Authorization: `Bearer ${w.secretKey}` },
    });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toBe('profile_id,user_id,email,phone,name');
    expect(
      lines
        .slice(1)
        .map((l) => l.split(',').slice(1).join(','))
        .sort(),
    ).toEqual(["u0,u0@example.com,,'=cmd", 'u2,u2@example.com,,U 2']);

    const sizes = await call('GET', `/segments/${id}/sizes?days=7`);
    expect(sizes.body.points.at(-1).size).toBe(2);
    const mine = await call('GET', '/profiles/u0/segments');
    expect(mine.body.segments).toContainEqual({ id, name: 'Pro buyers', kind: 'segment' });
    expect(mine.body.segments).toContainEqual({ id: 'lifecycle:new', name: 'New', kind: 'model' });

    const renamed = await call('PUT', `/segments/${id}`, { name: 'Pro buyers 2', definition: proBuyers });
    expect(renamed.body).toMatchObject({ name: 'Pro buyers 2', version: 2 });
    const user = await call('POST', '/segments', {
      name: 'uses it',
      definition: { version: 1, root: { type: 'segment', segmentId: id } },
    });
    expect((await call('DELETE', `/segments/${id}`)).body.error.code).toBe('segment_in_use');
    expect((await call('DELETE', `/segments/${user.body.id}`)).status).toBe(204);
    expect((await call('DELETE', `/segments/${id}`)).status).toBe(204);
    expect((await call('GET', `/segments/${id}`)).status).toBe(404);
  });

  it('refuses hostile definitions and bodies with a 4xx, never a 500', async () => {
    const post = async (body: string) => {
      const res = await fetch(`${s.url}/api/v1/segments/preview`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${w.secretKey}`, 'Content-Type': 'application/json' },
        body,
      });
      return { status: res.status, code: ((await res.json()) as { error: { code: string } }).error.code };
    };
    // 50,000 nested `not` nodes, as text: JSON.stringify of it would overflow here too
    const n = 50_000;
    const root = `${'{"type":"not","child":'.repeat(n)}{"type":"event","event":"x"}${'}'.repeat(n)}`;
    expect(await post(`{"definition":{"version":1,"root":${root}}}`)).toEqual({
      status: 400,
      code: 'invalid_definition',
    });
    expect(await post(`{"definition":${' '.repeat(33 * 1024 * 1024)}}`)).toEqual({
      status: 413,
      code: 'request_too_large',
    });
  });

  it('manual lists, models and the data schema', async () => {
    const list = await call('POST', '/lists', { name: 'Beta', ids: ['u1', 'u3@example.com', 'ghost'] });
    expect(list.status).toBe(201);
    expect(list.body).toMatchObject({ size: 2, unmatched: 1 });
    const up = await call('PUT', `/lists/${list.body.id}/members`, { ids: ['u4'], mode: 'append' });
    expect(up.body).toMatchObject({ matched: 1, unmatched: [], list: { size: 3 } });
    expect((await call('PUT', `/lists/${list.body.id}/members`, { ids: 'u4', mode: 'append' })).status).toBe(
      400,
    );

    const models = await call('GET', '/models');
    expect(models.body.settings.lifecycle).toMatchObject({ newDays: 30, churnDays: 180 });
    const bad = await call('PUT', '/models', { settings: { activity: { highDays: 2, mediumDays: 5 } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_settings');
    const rfm = await call('GET', '/models/rfm');
    expect(rfm.body.customers).toBe(3);
    expect(rfm.body.cells).toHaveLength(25);
    const lifecycle = await call('GET', '/models/lifecycle?days=7');
    expect(lifecycle.body.stages).toContainEqual({ id: 'new', count: 3 });
    const dist = await call('GET', '/models/distribution');
    expect(dist.body.spending.reduce((a: number, x: { count: number }) => a + x.count, 0)).toBe(3);

    const events = await call('GET', '/schema/events');
    expect(events.body.events[0]).toMatchObject({ name: 'Order Completed', count: 3 });
    const props = await call('GET', '/schema/events/Order%20Completed/properties');
    expect(props.body.properties.map((p: { name: string }) => p.name).sort()).toEqual(['category', 'total']);
    const traits = await call('GET', '/schema/traits');
    expect(traits.body.traits.find((t: { name: string }) => t.name === 'plan')).toMatchObject({
      types: ['string'],
    });
    const categories = await call('GET', '/schema/categories');
    expect(categories.body).toEqual({ property: 'category', categories: [{ name: 'books', count: 3 }] });
  });
});
