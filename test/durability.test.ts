import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, describe, expect, it } from 'vitest';
import { startTailor } from '../src/runtime/tailor.js';
import { spawnServer } from './helpers/spawn-server.js';
import { COMBOS, testConfig } from './helpers/stores.js';
import { makeWorkspace } from './helpers/tailor.js';

/** Resolves when the process has exited (at once if it already has). */
const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : once(child, 'exit').then(() => undefined);

const serve = (env: Record<string, string>) => spawnServer(env);

/** Sends batches until stopped; returns every messageId the server acknowledged with 2xx. */
async function hammer(url: string, writeKey: string, stop: { now: boolean }, prefix: string) {
  const acked: string[] = [];
  const auth = `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
  let n = 0;
  const worker = async () => {
    while (!stop.now) {
      const ids = Array.from({ length: 200 }, () => `${prefix}-${n++}`);
      const batch = ids.map((id, i) => ({
        type: 'track',
        userId: `u${i % 50}`,
        event: 'Order Completed',
        messageId: id,
        properties: { revenue: 1 },
      }));
      try {
        const res = await fetch(`${url}/v1/batch`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: auth },
          body: JSON.stringify({ batch }),
        });
        if (res.ok) acked.push(...ids);
        else await new Promise((r) => setTimeout(r, 20));
      } catch {
        return; // the server went away mid-request: not acknowledged
      }
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return acked;
}

const combos = COMBOS.filter((c) => c.name === 'pglite+duckdb' || c.name === 'postgres+clickhouse');

for (const combo of combos) {
  describe.skipIf(!combo.available)(`durability on ${combo.name}`, () => {
    const cleanups: (() => Promise<void>)[] = [];
    afterAll(async () => {
      for (const c of cleanups) await c();
    });

    it('keeps every acknowledged event through SIGKILL, and flushes everything on SIGTERM', async () => {
      const { config, cleanup } = await testConfig(combo);
      cleanups.push(cleanup);
      const env: Record<string, string> = { TAILOR_DATA_DIR: config.dataDir, TAILOR_LOG_LEVEL: 'warn' };
      if (config.state.kind === 'postgres') env.TAILOR_STATE_URL = config.state.url;
      if (config.events.kind === 'clickhouse') env.TAILOR_EVENTS_URL = config.events.url;
      const setup = await startTailor(config);
      const w = await makeWorkspace(setup, 'dur');
      await setup.close();

      // Round 1: load, then kill -9 in the middle of it.
      const first = await serve(env);
      const stop = { now: false };
      const sending = hammer(first.url, w.writeKey, stop, 'k');
      await new Promise((r) => setTimeout(r, 1500));
      first.child.kill('SIGKILL');
      stop.now = true;
      const ackedBeforeKill = await sending;
      await exited(first.child);
      expect(ackedBeforeKill.length).toBeGreaterThan(1000);

      // Round 2: restart (replays the spool), send more, then SIGTERM right after the last ack.
      const second = await serve(env);
      const stop2 = { now: false };
      const sending2 = hammer(second.url, w.writeKey, stop2, 't');
      await new Promise((r) => setTimeout(r, 800));
      stop2.now = true;
      const ackedBeforeTerm = await sending2;
      second.child.kill('SIGTERM');
      await exited(second.child);
      expect(second.child.exitCode).toBe(0);

      // Every acknowledged event is in the event store exactly once, and the profiles agree.
      const check = await startTailor(config);
      try {
        expect(check.applier.backlog).toBe(0); // SIGTERM applied everything; nothing left to replay
        const all = [...ackedBeforeKill, ...ackedBeforeTerm];
        const found = await check.events.existingMessageIds('dur', all);
        expect(all.filter((id) => !found.has(id))).toEqual([]);
        const stored = await check.events.countEvents('dur');
        expect(stored).toBeGreaterThanOrEqual(all.length);
        const rows = await check.state.query<{ n: number }>(
          'SELECT sum(order_count)::int AS n FROM profiles WHERE workspace_id = $1 AND merged_into IS NULL',
          ['dur'],
        );
        expect(Number(rows[0]!.n)).toBe(stored);
      } finally {
        await check.close();
      }
    }, 120_000);
  });
}
