import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo, readDemoRecord } from '../src/cli/commands/demo.js';
import { ServiceError } from '../src/core/errors.js';
import { DEFAULT_END } from '../src/demo/options.js';
import { makeWorkspace, startTestTailor, type TestServer, track } from './helpers/tailor.js';

// `tailor demo` on an existing shop adds customers, never the same events again, whenever it
// runs (the ingest dedup window is 24 hours), and resumes a load that was interrupted.
describe('extending and resuming a demo shop', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestTailor({ state: 'pglite', events: 'duckdb' });
  });
  afterAll(async () => s?.close());

  const profiles = async (ws: string) =>
    (
      await s.tailor.state.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM profiles WHERE workspace_id = $1 AND merged_into IS NULL',
        [ws],
      )
    )[0]?.n;
  const code = (p: Promise<unknown>) =>
    p.then(
      () => 'resolved',
      (e: unknown) => (e instanceof ServiceError ? e.code : String(e)),
    );

  it('adds only the customers beyond those loaded, and refuses another history', async () => {
    const whole = await loadDemo(s.tailor, { workspaceId: 'whole', users: 90, seed: 5, end: DEFAULT_END });
    const first = await loadDemo(s.tailor, { workspaceId: 'grown', users: 50, seed: 5, end: DEFAULT_END });
    expect(first).toMatchObject({ users: 50, added: 50 });
    const again = await loadDemo(s.tailor, { workspaceId: 'grown', users: 50, seed: 5 });
    expect(again).toMatchObject({ users: 50, added: 0, events: 0 });
    const grown = await loadDemo(s.tailor, { workspaceId: 'grown', users: 90, seed: 5 });
    expect(grown).toMatchObject({ users: 90, added: 40 });
    // Customers [50, 90) only: with the first 50, exactly the events of a shop made at once.
    expect(first.events + grown.events).toBe(whole.events);
    await s.tailor.applier.idle();
    expect(await s.tailor.events.countEvents('grown')).toBe(await s.tailor.events.countEvents('whole'));
    expect(await profiles('grown')).toBe(await profiles('whole'));
    expect(await readDemoRecord(s.tailor, 'grown')).toEqual({ seed: 5, end: DEFAULT_END, users: 90 });

    // Another seed or end would mix a second shop into the first.
    expect(await code(loadDemo(s.tailor, { workspaceId: 'grown', users: 95, seed: 6 }))).toBe(
      'demo_mismatch',
    );
    expect(
      await code(
        loadDemo(s.tailor, { workspaceId: 'grown', users: 95, seed: 5, end: DEFAULT_END - 86_400_000 }),
      ),
    ).toBe('demo_mismatch');
    // Asking for fewer customers than the shop has changes nothing, whatever the history.
    expect(await loadDemo(s.tailor, { workspaceId: 'grown', users: 10, seed: 6 })).toMatchObject({
      users: 90,
      added: 0,
    });

    // A workspace with data of its own gets no demo shop mixed in.
    const own = await makeWorkspace(s.tailor, 'own');
    await track(s.url, own.writeKey, '/v1/track', { userId: 'real-customer', event: 'Signed Up' });
    await s.tailor.applier.idle();
    expect(await code(loadDemo(s.tailor, { workspaceId: 'own', users: 10, seed: 5 }))).toBe(
      'demo_workspace_not_empty',
    );
    expect(await profiles('own')).toBe(1);
  });

  it('resumes an interrupted load where it stopped', async () => {
    const whole = await loadDemo(s.tailor, { workspaceId: 'whole-2', users: 200, seed: 8 });
    // The second batch of messages fails to reach the spool, as when the process dies.
    const ingest = s.tailor.ingestor.ingest.bind(s.tailor.ingestor);
    let calls = 0;
    s.tailor.ingestor.ingest = (...a: Parameters<typeof ingest>) => {
      calls++;
      if (calls === 2) return Promise.reject(new Error('process killed'));
      return ingest(...a);
    };
    try {
      expect(await code(loadDemo(s.tailor, { workspaceId: 'cut', users: 200, seed: 8 }))).toBe(
        'Error: process killed',
      );
    } finally {
      s.tailor.ingestor.ingest = ingest;
    }
    const recorded = await readDemoRecord(s.tailor, 'cut');
    expect(recorded?.users).toBeGreaterThan(0);
    expect(recorded?.users).toBeLessThan(200);
    const rest = await loadDemo(s.tailor, { workspaceId: 'cut', users: 200, seed: 8 });
    expect(rest.added).toBe(200 - (recorded?.users ?? 0));
    await s.tailor.applier.idle();
    expect(await s.tailor.events.countEvents('cut')).toBe(await s.tailor.events.countEvents('whole-2'));
    expect(await profiles('cut')).toBe(await profiles('whole-2'));
    expect(whole.added).toBe(200);
  });
});
