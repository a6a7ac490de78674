import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  makeWorkspace,
  startTestTailor,
  type TestServer,
  type TestWorkspace,
  track,
} from './helpers/tailor.js';

// Workspace settings over HTTP: defaults, partial changes, validation with JSON-pointer paths,
// the audit trail, and the time zone reaching ingest and the segments at once.
describe('workspace settings API', () => {
  let s: TestServer;
  let w: TestWorkspace;
  beforeAll(async () => {
    s = await startTestTailor({ state: 'pglite', events: 'duckdb' });
    w = await makeWorkspace(s.tailor, 'settings');
  });
  afterAll(async () => s?.close());
  const call = (method: string, path: string, body?: unknown) => api(s.url, w.secretKey, method, path, body);

  it('shows the defaults, changes only the keys given, and audits the change', async () => {
    const before = await call('GET', '/settings');
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({
      timeZone: 'UTC',
      phoneRegion: 'CN',
      orderEvents: ['Order Completed'],
      categoryProperty: 'category',
    });
    const changed = await call('PATCH', '/settings', {
      timeZone: 'asia/shanghai',
      orderEvents: ['Paid'],
      phoneRegion: 'us',
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      timeZone: 'Asia/Shanghai',
      orderEvents: ['Paid'],
      phoneRegion: 'US',
    });
    expect((await call('GET', '/settings')).body).toEqual(changed.body);
    const again = await call('PATCH', '/settings', { orderEvents: ['Order Completed'] });
    expect(again.body).toMatchObject({ timeZone: 'Asia/Shanghai', orderEvents: ['Order Completed'] });
    const audit = await call('GET', '/audit');
    const entry = audit.body.entries.find(
      (e: { action: string }) => e.action === 'workspace.settings.update',
    );
    expect(entry).toBeDefined();
  });

  it('refuses unknown time zones, unknown keys and bad values, changing nothing', async () => {
    const before = (await call('GET', '/settings')).body;
    const zone = await call('PATCH', '/settings', { timeZone: 'Mars/Olympus' });
    expect(zone.status).toBe(400);
    expect(zone.body.error.code).toBe('invalid_settings');
    expect(zone.body.error.details.issues[0].path).toBe('/timeZone');
    const key = await call('PATCH', '/settings', { timezone: 'UTC' });
    expect(key.status).toBe(400);
    expect(key.body.error.details.issues[0].path).toBe('/timezone');
    const empty = await call('PATCH', '/settings', { orderEvents: [''] });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details.issues[0].path).toBe('/orderEvents/0');
    const type = await call('PATCH', '/settings', { orderEvents: 'Paid' });
    expect(type.body.error).toMatchObject({
      code: 'invalid_settings',
      details: { issues: [{ path: '/orderEvents' }] },
    });
    const region = await call('PATCH', '/settings', { phoneRegion: 'XX' });
    expect(region.body.error.details.issues[0].path).toBe('/phoneRegion');
    const notObject = await call('PATCH', '/settings', ['UTC']);
    expect(notObject.status).toBe(400);
    const broken = await fetch(`${s.url}/api/v1/settings`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${w.secretKey}`, 'Content-Type': 'application/json' },
      body: '{"timeZone":',
    });
    expect(broken.status).toBe(400);
    expect((await call('GET', '/settings')).body).toEqual(before);
  });

  it('counts active days on the new calendar from the next event on', async () => {
    const tz = await makeWorkspace(s.tailor, 'settings-tz');
    await api(s.url, tz.secretKey, 'PATCH', '/settings', { timeZone: 'Asia/Shanghai' });
    // Two events an hour apart around the last Shanghai midnight: two local days.
    const day = 86_400_000;
    const localMidnight = Math.floor((Date.now() + 8 * 3_600_000) / day) * day - 8 * 3_600_000;
    const batch = [-1, 1].map((m, i) => ({
      type: 'track',
      userId: 'tz-1',
      event: 'Ping',
      messageId: `tz-${i}`,
      timestamp: new Date(localMidnight + m * 30 * 60_000).toISOString(),
    }));
    // Just after midnight the second event would be in the future; both then move a day back.
    if (Date.now() < localMidnight + 31 * 60_000)
      for (const e of batch) e.timestamp = new Date(Date.parse(e.timestamp) - day).toISOString();
    expect((await track(s.url, tz.writeKey, '/v1/batch', { batch })).status).toBe(200);
    await s.tailor.applier.idle();
    const p = await api(s.url, tz.secretKey, 'GET', '/profiles/tz-1');
    expect(p.body.profile.computed.activeDays30).toBe(2);
    const preview = await api(s.url, tz.secretKey, 'POST', '/segments/preview', {
      definition: { version: 1, root: { type: 'computed', trait: 'active_days_30', op: 'eq', value: 2 } },
      sample: 5,
    });
    expect(preview.body.size).toBe(1);
  });
});
