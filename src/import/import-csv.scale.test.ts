import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Tailor } from '../runtime/tailor.js';
import { importCsv } from './import-csv.js';
import { newWorkspace, startTestTailor } from './import-test-kit.js';

const ROWS = 200_000;
const USERS = 20_000;
const HEAP_GROWTH_LIMIT = 200 * 1024 * 1024;

// heapUsed counts garbage not yet collected (here up to ~190 MB of it, depending on when V8
// runs); collecting before a reading measures what the import holds on to.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

let t: Tailor;
let dir: string;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ tailor: t, dir, stop } = await startTestTailor());
});
afterAll(async () => {
  await stop();
});

/** Writes the file row by row, so the test itself never holds it in memory either. */
async function writeEventsFile(file: string): Promise<void> {
  const out = createWriteStream(file);
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, 'drain');
  };
  await write('user_id,event,timestamp,revenue,category,sku\n');
  const start = Date.parse('2024-01-01T00:00:00Z') / 1000;
  for (let i = 0; i < ROWS; i++) {
    const order = i % 4 === 0;
    await write(
      `u${i % USERS},${order ? 'Order Completed' : 'Product Viewed'},${start + i * 60},${order ? ((i % 97) + 0.5).toFixed(2) : ''},cat${i % 13},SKU-${String(i % 1000).padStart(4, '0')}\n`,
    );
  }
  out.end();
  await once(out, 'finish');
}

test(`a ${ROWS.toLocaleString('en-US')}-row file streams in with bounded memory`, {
  timeout: 600_000,
}, async () => {
  const ws = await newWorkspace(t);
  const file = path.join(dir, 'events.csv');
  await writeEventsFile(file);

  collectGarbage();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  let chunks = 0;
  const report = await importCsv({
    tailor: t,
    workspaceId: ws,
    kind: 'events',
    input: createReadStream(file),
    fileName: 'events.csv',
    onProgress: () => {
      if (++chunks % 10 !== 0) return;
      collectGarbage();
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    },
  });
  const growth = peak - base;
  const rate = Math.round(report.rows / (report.durationMs / 1000));
  console.log(
    `imported ${report.rows} rows in ${report.durationMs} ms (${rate} rows/s, applied included); live heap peak +${Math.round(growth / 1048576)} MB`,
  );

  expect(report).toMatchObject({ rows: ROWS, ok: ROWS, skipped: 0, failed: 0 });
  expect(await t.events.countEvents(ws)).toBe(ROWS);
  const [totals] = await t.state.query<{ orders: number; profiles: number }>(
    'SELECT sum(order_count)::int AS orders, count(*)::int AS profiles FROM profiles WHERE workspace_id = $1',
    [ws],
  );
  expect(totals).toEqual({ orders: ROWS / 4, profiles: USERS });
  // Loose on purpose: it catches collecting the file in memory, not a few megabytes.
  expect(growth).toBeLessThan(HEAP_GROWTH_LIMIT);
});
