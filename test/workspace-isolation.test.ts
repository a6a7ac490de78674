import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMBOS } from './helpers/stores.js';
import {
  addUser,
  api,
  makeWorkspace,
  startTestTailor,
  type TestServer,
  type TestWorkspace,
  track,
} from './helpers/tailor.js';

async function login(url: string, email: string, password = 'password-123') {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const cookie = res.headers.get('set-cookie')?.split(';')[0] ?? '';
  return { status: res.status, cookie, body: (await res.json()) as Record<string, unknown> };
}

async function asUser(
  url: string,
  cookie: string,
  method: string,
  path: string,
  opts: { workspace?: string; body?: unknown } = {},
) {
  const res = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: {
      Cookie: cookie,
      ...(opts.workspace ? { 'Tailor-Workspace': opts.workspace } : {}),
      ...(opts.body ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(opts.body ? { body: JSON.stringify(opts.body) } : {}),
  });
  // biome-ignore lint/suspicious/noExplicitAny: tests read deep into JSON responses and assert on the values.
  return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, any> | null };
}

// One workspace can never read or change another's data, through any API added so far.
for (const combo of COMBOS) {
  describe.skipIf(!combo.available)(`workspace isolation and roles on ${combo.name}`, () => {
    let s: TestServer;
    let a: TestWorkspace;
    let b: TestWorkspace;
    beforeAll(async () => {
      s = await startTestTailor(combo);
      a = await makeWorkspace(s.tailor, 'ws-a');
      b = await makeWorkspace(s.tailor, 'ws-b');
      // The same ids in both workspaces must stay two different people.
      for (const w of [a, b]) {
        await track(s.url, w.writeKey, '/v1/batch', {
          batch: [
            {
              type: 'identify',
              userId: 'same-user',
              anonymousId: 'same-anon',
              traits: { email: 'same@example.com', owner: w.id },
            },
            {
              type: 'track',
              userId: 'same-user',
              event: 'Order Completed',
              properties: { revenue: w.id === 'ws-a' ? 10 : 99 },
            },
          ],
        });
      }
      await s.tailor.applier.idle();
      await addUser(s.tailor, 'ws-a', 'ana@example.com', 'analyst');
      await addUser(s.tailor, 'ws-a', 'op@example.com', 'operator');
      await addUser(s.tailor, 'ws-b', 'op@example.com', 'agent').catch(() => {});
    });
    afterAll(async () => s?.close());

    it('keeps the same ids apart per workspace', async () => {
      const pa = (await api(s.url, a.secretKey, 'GET', '/profiles/same-user')).body.profile;
      const pb = (await api(s.url, b.secretKey, 'GET', '/profiles/same-user')).body.profile;
      expect(pa.traits.owner).toBe('ws-a');
      expect(pb.traits.owner).toBe('ws-b');
      expect(pa.computed.totalSpend).toBe(10);
      expect(pb.computed.totalSpend).toBe(99);
    });

    it("refuses a key's access to another workspace", async () => {
      const pa = (await api(s.url, a.secretKey, 'GET', '/profiles/same-user')).body.profile;
      const cross = await fetch(`${s.url}/api/v1/profiles/${pa.profileId}`, {
        headers: { Authorization: `Bearer ${b.secretKey}` },
      });
      expect(cross.status).toBe(404);
      const asked = await fetch(`${s.url}/api/v1/profiles`, {
        headers: { Authorization: `Bearer ${b.secretKey}`, 'Tailor-Workspace': 'ws-a' },
      });
      expect(asked.status).toBe(403);
      expect(
        (await api(s.url, b.secretKey, 'PATCH', `/profiles/${pa.profileId}`, { traits: { owner: 'b' } }))
          .status,
      ).toBe(404);
      const bEvents = (await api(s.url, b.secretKey, 'GET', `/profiles/${pa.profileId}/events`)).status;
      expect(bEvents).toBe(404);
      const bList = (await api(s.url, b.secretKey, 'GET', '/profiles?q=same%40example.com')).body.profiles;
      expect(bList.map((p: { profileId: string }) => p.profileId)).not.toContain(pa.profileId);
      const latest = (await api(s.url, b.secretKey, 'GET', '/ingest/events')).body.events as {
        profileId: string;
      }[];
      expect(latest.length).toBeGreaterThan(0);
      expect(latest.every((e) => e.profileId !== pa.profileId)).toBe(true);
      const aKeys = (await api(s.url, a.secretKey, 'GET', '/keys')).body.keys as { id: string }[];
      expect((await api(s.url, b.secretKey, 'DELETE', `/keys/${aKeys[0]!.id}`)).status).toBe(404);
      const audit = (await api(s.url, b.secretKey, 'GET', '/audit')).body.entries as { targetId: string }[];
      expect(audit.every((e) => !aKeys.some((k) => k.id === e.targetId))).toBe(true);
    });

    it('scopes console sessions to member workspaces and enforces roles', async () => {
      const ana = await login(s.url, 'ana@example.com');
      expect(ana.status).toBe(200);
      expect((ana.body.workspaces as { id: string }[]).map((w) => w.id)).toEqual(['ws-a']);
      expect((await asUser(s.url, ana.cookie, 'GET', '/profiles')).status).toBe(200);
      expect((await asUser(s.url, ana.cookie, 'GET', '/profiles', { workspace: 'ws-b' })).status).toBe(403);
      expect(
        (await asUser(s.url, ana.cookie, 'PATCH', '/profiles/same-user', { body: { traits: { x: 1 } } }))
          .status,
      ).toBe(403);
      expect((await asUser(s.url, ana.cookie, 'GET', '/keys')).status).toBe(403);
      expect((await asUser(s.url, ana.cookie, 'GET', '/settings')).status).toBe(200);
      expect(
        (await asUser(s.url, ana.cookie, 'PATCH', '/settings', { body: { timeZone: 'Asia/Shanghai' } }))
          .status,
      ).toBe(403);
      const op = await login(s.url, 'op@example.com');
      expect(
        (
          await asUser(s.url, op.cookie, 'PATCH', '/profiles/same-user', {
            workspace: 'ws-a',
            body: { traits: { x: 1 } },
          })
        ).status,
      ).toBe(200);
      expect((await asUser(s.url, op.cookie, 'GET', '/ingest/stats', { workspace: 'ws-b' })).status).toBe(
        403,
      );
      const wrong = await login(s.url, 'ana@example.com', 'wrong-password');
      expect(wrong.status).toBe(401);
      expect(wrong.body).toMatchObject({ error: { code: 'invalid_credentials' } });
      await asUser(s.url, ana.cookie, 'POST', '/auth/logout');
      expect((await asUser(s.url, ana.cookie, 'GET', '/profiles')).status).toBe(401);
    });

    it('serves the OpenAPI document and docs page', async () => {
      const doc = (await (await fetch(`${s.url}/api/v1/openapi.json`)).json()) as {
        paths: Record<string, unknown>;
      };
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          '/profiles',
          '/profiles/{id}',
          '/profiles/{id}/events',
          '/keys',
          '/auth/login',
          '/ingest/stats',
          '/settings',
        ]),
      );
      expect((await fetch(`${s.url}/api/v1/docs`)).status).toBe(200);
      const health = await fetch(`${s.url}/healthz`);
      expect(await health.json()).toMatchObject({ status: 'ok' });
      const metrics = await (await fetch(`${s.url}/metrics`)).text();
      expect(metrics).toContain('tailor_ingest_events_accepted_total');
      expect(metrics).toContain('tailor_ingest_queue_depth');
    });
  });
}
