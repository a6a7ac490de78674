import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  makeWorkspace,
  startTestTailor,
  type TestServer,
  type TestWorkspace,
  track,
} from './helpers/tailor.js';

describe('overload', () => {
  let s: TestServer;
  let w: TestWorkspace;
  beforeAll(async () => {
    s = await startTestTailor({ state: 'pglite', events: 'duckdb' }, { maxBacklog: 1000 });
    w = await makeWorkspace(s.tailor, 'busy');
  });
  afterAll(async () => s?.close());

  it('answers 429 with Retry-After while the applier is behind, and loses nothing', async () => {
    s.tailor.applier.pause();
    const batch = (n: number, from: number) => ({
      batch: Array.from({ length: n }, (_, i) => ({
        type: 'track',
        userId: `u${i % 10}`,
        event: 'E',
        messageId: `ov-${from + i}`,
      })),
    });
    expect((await track(s.url, w.writeKey, '/v1/batch', batch(1500, 0))).status).toBe(200);
    const refused = await track(s.url, w.writeKey, '/v1/batch', batch(10, 5000));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.code).toBe('ingest_overloaded');
    const single = await track(s.url, w.writeKey, '/v1/track', { userId: 'x', event: 'E' });
    expect(single.status).toBe(429);
    s.tailor.applier.resume();
    await s.tailor.applier.idle();
    expect((await track(s.url, w.writeKey, '/v1/batch', batch(10, 5000))).status).toBe(200);
    await s.tailor.applier.idle();
    const stats = await api(s.url, w.secretKey, 'GET', '/ingest/stats');
    expect(stats.body.totalEvents).toBe(1510);
  });

  it('caps the tracking requests in progress, so slow clients cannot hold unbounded memory', async () => {
    const aborts: AbortController[] = [];
    const slow = Array.from({ length: 256 }, () => {
      const ac = new AbortController();
      aborts.push(ac);
      // A body that starts and never finishes: the request stays in progress.
      const body = new ReadableStream({
        start: (ctl) => ctl.enqueue(new TextEncoder().encode('{"batch":[')),
      });
      return fetch(`${s.url}/v1/batch`, {
        method: 'POST',
        body,
        headers: { Authorization: `Basic ${Buffer.from(`${w.writeKey}:`).toString('base64')}` },
        signal: ac.signal,
        duplex: 'half',
      } as RequestInit).catch(() => null);
    });
    await new Promise((r) => setTimeout(r, 1000));
    const refused = await track(s.url, w.writeKey, '/v1/track', { userId: 'x', event: 'E' });
    expect(refused.status).toBe(429);
    expect(refused.code).toBe('too_many_requests');
    for (const ac of aborts) ac.abort();
    await Promise.all(slow);
    await new Promise((r) => setTimeout(r, 300));
    expect((await track(s.url, w.writeKey, '/v1/track', { userId: 'x', event: 'E' })).status).toBe(200);
  });
});
