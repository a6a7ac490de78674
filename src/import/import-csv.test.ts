import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ServiceError } from '../core/errors.js';
import type { Tailor } from '../runtime/tailor.js';
import type { ColumnMapping } from './column-mapping.js';
import type { ImportKind } from './column-plan.js';
import { type ImportProgress, importCsv } from './import-csv.js';
import { csvStream, lines, newWorkspace, startTestTailor } from './import-test-kit.js';

let t: Tailor;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ tailor: t, stop } = await startTestTailor());
});
afterAll(async () => {
  await stop();
});

const run = (ws: string, kind: ImportKind, text: string, mapping?: ColumnMapping, signal?: AbortSignal) =>
  importCsv({
    tailor: t,
    workspaceId: ws,
    kind,
    input: csvStream(text),
    fileName: `${kind}.csv`,
    mapping,
    signal,
  });

interface ProfileRow {
  user_id: string;
  email: string | null;
  traits: Record<string, [unknown, number]>;
  event_count: number;
  order_count: number;
  total_spend: number;
}

const profiles = async (ws: string) =>
  t.state.query<ProfileRow>(
    `SELECT user_id, email, traits, event_count, order_count, total_spend FROM profiles
     WHERE workspace_id = $1 AND merged_into IS NULL ORDER BY user_id`,
    [ws],
  );

const importRow = async (id: string) =>
  (
    await t.state.query<{
      status: string;
      kind: string;
      file_name: string;
      file_hash: string;
      rows_total: number;
      rows_ok: number;
      rows_failed: number;
      errors: { row: number; code: string }[];
      finished_at: Date | null;
    }>('SELECT * FROM imports WHERE id = $1', [id])
  )[0];

const refusal = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof ServiceError) return { kind: e.kind, code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a ServiceError');
};

describe('users', () => {
  const USERS = lines(
    '\ufeffuser_id,email,name,plan,age,created_at',
    'u1, Alice@Example.COM ,Alice,pro,42,2024-01-05T10:00:00Z',
    'u2,bob@example.com,张三,,7,',
  );

  test('an identify per row sets traits on the profiles, dated by created_at', async () => {
    const ws = await newWorkspace(t);
    const report = await run(ws, 'users', USERS);
    expect(report).toMatchObject({
      rows: 2,
      ok: 2,
      skipped: 0,
      failed: 0,
      errors: [],
      errorsTruncated: false,
    });

    const [u1, u2] = await profiles(ws);
    expect(u1?.email).toBe('alice@example.com');
    expect(u1?.traits.name).toEqual(['Alice', Date.parse('2024-01-05T10:00:00Z')]);
    // Numeric-looking text stays text unless the mapping gives a type.
    expect(u1?.traits.age?.[0]).toBe('42');
    expect(u1?.traits.created_at).toBeUndefined();
    expect(u2?.traits.name?.[0]).toBe('张三');
    expect(u2?.traits.plan).toBeUndefined();

    const rec = await importRow(report.importId);
    expect(rec).toMatchObject({
      status: 'done',
      kind: 'users',
      file_name: 'users.csv',
      rows_total: 2,
      rows_ok: 2,
    });
    expect(rec?.file_hash).toBe(createHash('sha256').update(USERS).digest('hex'));
    expect(rec?.finished_at).not.toBeNull();
  });

  test('a mapping renames, ignores and types columns (CRLF line ends)', async () => {
    const ws = await newWorkspace(t);
    const report = await run(
      ws,
      'users',
      'customer_no,Email,age,notes\r\nc-1,c1@example.com,42,call back\r\n',
      { userId: 'customer_no', traits: { Email: 'email' }, ignore: ['notes'], types: { age: 'number' } },
    );
    expect(report.ok).toBe(1);
    const [c1] = await profiles(ws);
    expect(c1?.user_id).toBe('c-1');
    expect(c1?.email).toBe('c1@example.com');
    expect(c1?.traits.age?.[0]).toBe(42);
    expect(c1?.traits.notes).toBeUndefined();
  });
});

describe('events', () => {
  const EVENTS = lines(
    'user_id,event,timestamp,revenue,category,properties.coupon,traits.plan',
    'u1,Order Completed,2024-03-01T10:00:00Z,19.90,shoes,SPRING,pro',
    'u1,Order Completed,1709290800,30.10,,,',
    'u2,Product Viewed,1709290800000,,books,,',
    'u2,Order Completed,2024-03-02T00:00:00+08:00,5,books,,',
  );

  test('a track per row; orders feed order_count and total_spend; epoch seconds and ms are read', async () => {
    const ws = await newWorkspace(t);
    const report = await run(ws, 'events', EVENTS);
    expect(report).toMatchObject({ rows: 4, ok: 4, skipped: 0, failed: 0 });
    expect(await t.events.countEvents(ws)).toBe(4);

    const [u1, u2] = await profiles(ws);
    expect(u1).toMatchObject({ event_count: 2, order_count: 2 });
    expect(u1?.total_spend).toBeCloseTo(50);
    expect(u2).toMatchObject({ event_count: 2, order_count: 1, total_spend: 5 });

    const stored = await t.events.latestEvents(ws, { limit: 10 });
    const byTime = new Map(stored.map((e) => [new Date(e.timestamp).toISOString(), e]));
    const first = byTime.get('2024-03-01T10:00:00.000Z');
    expect(JSON.parse(first?.properties ?? '{}')).toEqual({
      revenue: 19.9,
      category: 'shoes',
      coupon: 'SPRING',
    });
    expect(JSON.parse(first?.traits ?? '{}')).toEqual({ plan: 'pro' });
    // 1709290800 s and 1709290800000 ms are the same instant, 2024-03-01T11:00:00Z.
    expect(stored.filter((e) => e.timestamp === Date.parse('2024-03-01T11:00:00Z'))).toHaveLength(2);
    expect(byTime.has('2024-03-01T16:00:00.000Z')).toBe(true);
  });

  test('a type column makes page calls', async () => {
    const ws = await newWorkspace(t);
    await run(
      ws,
      'events',
      lines('anonymous_id,type,name,time', 'a1,page,Pricing,1709281800', 'a1,,Signed Up,1709281801'),
    );
    const stored = await t.events.latestEvents(ws, { limit: 10 });
    expect(stored.map((e) => [e.type, e.event]).sort()).toEqual([
      ['page', 'Pricing'],
      ['track', 'Signed Up'],
    ]);
  });

  test('bad rows are reported by row number while the good rows load', async () => {
    const ws = await newWorkspace(t);
    const report = await run(
      ws,
      'events',
      lines(
        'user_id,event,timestamp,amount',
        'u1,Signed Up,2024-03-01T10:00:00Z,1',
        ',Signed Up,2024-03-01T10:00:00Z,1',
        'u3,,2024-03-01T10:00:00Z,1',
        'u4,Signed Up,yesterday,1',
        '',
        'u5,Signed Up,2024-03-01T10:00:00Z',
        '"u6","Signed Up","2024-02-30T00:00:00Z","1"',
        'null,Signed Up,2024-03-01T10:00:00Z,1',
        'u8,Signed Up,2024-03-01T10:00:00Z,1,extra',
        '"u9","Signed\nUp",2024-03-01T10:00:00Z,2',
        'u10,Signed Up,2024-03-01T10:00:00Z,2',
      ),
    );
    expect(report.errors.map((e) => [e.row, e.code])).toEqual([
      [2, 'missing_id'],
      [3, 'missing_event'],
      [4, 'invalid_timestamp'],
      [5, 'invalid_column_count'],
      [6, 'invalid_timestamp'],
      [7, 'missing_id'],
      [8, 'invalid_column_count'],
    ]);
    expect(report).toMatchObject({ rows: 10, ok: 3, skipped: 0, failed: 7, errorsTruncated: false });
    expect(await t.events.countEvents(ws)).toBe(3);
    expect(report.errors[3]?.message).toBe('the row has 3 fields; the header has 4');

    const rec = await importRow(report.importId);
    expect(rec).toMatchObject({ status: 'done', rows_total: 10, rows_ok: 3, rows_failed: 7 });
    expect(rec?.errors.map((e) => e.row)).toEqual([2, 3, 4, 5, 6, 7, 8]);
  });

  test('only the first 1,000 errors are kept, and all are counted', async () => {
    const ws = await newWorkspace(t);
    const rows = Array.from({ length: 2500 }, (_, i) =>
      i === 1200 ? 'u1,Ok,1709281800' : `u${i},,1709281800`,
    );
    const report = await run(ws, 'events', lines('user_id,event,time', ...rows));
    expect(report).toMatchObject({ rows: 2500, ok: 1, failed: 2499, errorsTruncated: true });
    expect(report.errors).toHaveLength(1000);
    expect(report.errors[0]?.row).toBe(1);
    expect(report.errors[999]?.row).toBe(1000);
  });
});

test('wide rows are ingested in several calls, each within the spool record limit', async () => {
  const ws = await newWorkspace(t);
  // 2,000 events of ~20 KB of quotes: one ingest call would be a 90 MB spool record.
  const description = `"${'""q"" '.repeat(5000)}"`;
  async function* file() {
    yield 'user_id,event,time,description\n';
    for (let i = 0; i < 2000; i++) yield `u${i},Product Viewed,1709281800,${description}\n`;
  }
  const report = await importCsv({
    tailor: t,
    workspaceId: ws,
    kind: 'events',
    input: Readable.from(file()),
    fileName: 'wide.csv',
  });
  expect(report).toMatchObject({ rows: 2000, ok: 2000, failed: 0 });
  expect(await t.events.countEvents(ws)).toBe(2000);
});

describe('re-running a file', () => {
  const FILE = lines(
    'user_id,event,timestamp,revenue,note',
    'u1,Order Completed,2024-03-01T10:00:00Z,10,',
    'u1,Order Completed,2024-03-02T10:00:00Z,20,gift',
    'u2,Order Completed,2024-03-03T10:00:00Z,30,',
    'u2,Order Completed,2024-03-03T10:00:00Z,30,',
  );

  test('adds nothing: rows already loaded are skipped, right after the first run and long after', async () => {
    const ws = await newWorkspace(t);
    const first = await run(ws, 'events', FILE);
    // The fourth row repeats the third: one event, the repeat is skipped.
    expect(first).toMatchObject({ rows: 4, ok: 3, skipped: 1, failed: 0 });
    const before = await profiles(ws);

    const again = await run(ws, 'events', FILE);
    expect(again).toMatchObject({ rows: 4, ok: 0, skipped: 4, failed: 0 });

    // Past the ingestor's 24-hour window only the event store remembers the ids.
    for (const e of await t.events.latestEvents(ws, { limit: 100 })) t.dedup.release(ws, e.messageId);
    const reordered = lines(
      'note,revenue,timestamp,event,user_id',
      ',10,2024-03-01T10:00:00Z,Order Completed,u1',
      'gift,20,2024-03-02T10:00:00Z,Order Completed, u1 ',
      ',30,2024-03-03T10:00:00Z,Order Completed,u2',
      ',30,2024-03-03T10:00:00Z,Order Completed,u2',
    );
    const later = await run(ws, 'events', reordered, { ignore: ['note'] });
    expect(later).toMatchObject({ rows: 4, ok: 0, skipped: 4, failed: 0 });

    expect(await t.events.countEvents(ws)).toBe(3);
    expect(await profiles(ws)).toEqual(before);
  });

  test('a users file loaded twice leaves the profiles as they were', async () => {
    const ws = await newWorkspace(t);
    const users = lines('user_id,email', 'u1,a@example.com', 'u2,b@example.com');
    await run(ws, 'users', users);
    const before = await profiles(ws);
    expect(await run(ws, 'users', users)).toMatchObject({ ok: 0, skipped: 2 });
    expect(await profiles(ws)).toEqual(before);
  });
});

describe('whole-file failures', () => {
  test('a header that does not fit the mapping fails the import before any row loads', async () => {
    const ws = await newWorkspace(t);
    const e = await refusal(
      run(ws, 'users', lines('user_id,email', 'u1,a@b.co'), { traits: { mail: 'email' } }),
    );
    expect(e).toMatchObject({ kind: 'invalid', code: 'invalid_mapping' });
    const [rec] = await t.state.query<{ status: string; errors: { row: number; code: string }[] }>(
      'SELECT status, errors FROM imports WHERE workspace_id = $1',
      [ws],
    );
    expect(rec).toMatchObject({ status: 'failed', errors: [{ row: 0, code: 'invalid_mapping' }] });
    expect(await t.events.countEvents(ws)).toBe(0);
  });

  test('broken CSV quoting fails the import; rows before it stay loaded', async () => {
    const ws = await newWorkspace(t);
    const rows = Array.from({ length: 2100 }, (_, i) => `u${i},Seen,1709281800`);
    const e = await refusal(run(ws, 'events', lines('user_id,event,time', ...rows, 'u1,"Seen"x,1709281800')));
    expect(e).toMatchObject({ code: 'invalid_csv' });
    expect(e.message).toContain('line 2102');
    // The first full chunk was loaded before the parser reached the bad line.
    await t.applier.idle();
    expect(await t.events.countEvents(ws)).toBe(2000);
  });

  test('empty files, unknown workspaces and bad mappings are refused', async () => {
    const ws = await newWorkspace(t);
    expect(await refusal(run(ws, 'users', ''))).toMatchObject({ code: 'empty_file' });
    expect(await refusal(run('ws_nope', 'users', 'user_id\nu1\n'))).toMatchObject({
      code: 'workspace_not_found',
    });
    expect(await refusal(run(ws, 'users', 'user_id\n', { userID: 'x' } as ColumnMapping))).toMatchObject({
      code: 'invalid_mapping',
    });
  });

  test('a cancelled import stops and is recorded as failed', async () => {
    const ws = await newWorkspace(t);
    const ac = new AbortController();
    const rows = Array.from({ length: 5000 }, (_, i) => `u${i},Seen,1709281800`);
    const progress: ImportProgress[] = [];
    const p = importCsv({
      tailor: t,
      workspaceId: ws,
      kind: 'events',
      input: csvStream(lines('user_id,event,time', ...rows), 4096),
      fileName: 'big.csv',
      signal: ac.signal,
      onProgress: (x) => {
        progress.push(x);
        ac.abort();
      },
    });
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    expect(progress).toHaveLength(1);
    expect(progress[0]).toMatchObject({ rows: 2000, ok: 2000, failed: 0 });
    const [rec] = await t.state.query<{ status: string; rows_ok: number; errors: { code: string }[] }>(
      'SELECT status, rows_ok, errors FROM imports WHERE workspace_id = $1',
      [ws],
    );
    expect(rec).toMatchObject({ status: 'failed', rows_ok: 2000, errors: [{ code: 'aborted' }] });
  });
});
