import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Tailor } from '../runtime/tailor.js';
import { importCsv } from './import-csv.js';
import { csvStream, lines, newWorkspace, startTestTailor } from './import-test-kit.js';

let t: Tailor;
let stop: () => Promise<void>;

beforeAll(async () => {
  // An ingestor that answers 429 as soon as 100 events wait for the applier.
  ({ tailor: t, stop } = await startTestTailor({ maxBacklog: 100 }));
});
afterAll(async () => {
  await stop();
});

test('an import waits out a busy ingestor instead of failing', async () => {
  const ws = await newWorkspace(t);
  const rows = Array.from({ length: 7000 }, (_, i) => `u${i % 500},Seen,${1709281800 + i}`);
  let refusals = 0;
  const ingest = t.ingestor.ingest.bind(t.ingestor);
  t.ingestor.ingest = async (...args) => {
    try {
      return await ingest(...args);
    } catch (e) {
      refusals++;
      throw e;
    }
  };
  const report = await importCsv({
    tailor: t,
    workspaceId: ws,
    kind: 'events',
    input: csvStream(lines('user_id,event,time', ...rows), 4096),
    fileName: 'busy.csv',
  });
  expect(report).toMatchObject({ rows: 7000, ok: 7000, failed: 0 });
  expect(refusals).toBeGreaterThan(0);
  expect(await t.events.countEvents(ws)).toBe(7000);
});
