import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTailor, type Tailor } from '../src/runtime/tailor.js';
import { systemCtx } from '../src/services/context.js';
import { getProfile } from '../src/services/profiles/get-profile.js';
import { testConfig } from './helpers/stores.js';
import { makeWorkspace } from './helpers/tailor.js';

// Under steady traffic the applier waits `applyLingerMs` between batches, so a busy profile is
// written once per interval instead of once per request; a quiet spell ends the wait at once.
let tailor: Tailor;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const t = await testConfig({ state: 'pglite', events: 'duckdb' });
  cleanup = t.cleanup;
  tailor = await startTailor({ ...t.config, applyLingerMs: 1500 });
  await makeWorkspace(tailor, 'ws');
});

afterAll(async () => {
  await tailor?.close();
  await cleanup?.();
});

const send = (n: number) =>
  tailor.ingestor.ingest('ws', [
    {
      type: 'track',
      userId: 'u1',
      event: 'Page Read',
      messageId: `m${n}`,
      timestamp: new Date(1e12 + n).toISOString(),
    },
  ]);

async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200 && !(await check()); i++) await new Promise((r) => setTimeout(r, 25));
  expect(await check()).toBe(true);
}

it('coalesces requests that arrive while a batch lingers, and applies all of them', async () => {
  const before = tailor.applier.batches;
  for (let n = 0; n < 8; n++) {
    await send(n);
    await new Promise((r) => setTimeout(r, 60));
  }
  await until(() => tailor.applier.backlog === 0);
  // The first request starts a batch at once; the other seven wait out the linger together.
  expect(tailor.applier.batches - before).toBeLessThanOrEqual(2);
  expect(tailor.applier.profileRowsWritten).toBeLessThanOrEqual(2);
  const { profile } = await getProfile({ ctx: systemCtx(tailor, 'ws'), input: { id: 'u1' } });
  expect(profile.computed.eventCount).toBe(8);
});

it('idle() does not wait for the linger', async () => {
  await send(100);
  await send(101);
  await tailor.applier.idle();
  expect(tailor.applier.backlog).toBe(0);
});
