import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ServiceError } from '../core/errors.js';
import type { Tailor } from '../runtime/tailor.js';
import { lines, newWorkspace, startTestTailor } from './import-test-kit.js';
import { runImportCommand } from './run-import-command.js';

let t: Tailor;
let dir: string;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ tailor: t, dir, stop } = await startTestTailor());
});
afterAll(async () => {
  await stop();
});

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof ServiceError) return e.code;
    throw e;
  }
  return 'ok';
};

describe('runImportCommand', () => {
  test('imports a file with a --map spec and writes every failed row to --errors-out', async () => {
    const ws = await newWorkspace(t);
    const file = path.join(dir, 'orders.csv');
    const errorsOut = path.join(dir, 'orders-errors.csv');
    writeFileSync(
      file,
      lines(
        'customer_no,action,at,amount,notes',
        'c1,Order Completed,1709281800,12.5,first',
        ',Order Completed,1709281800,3,',
        'c2,Order Completed,"not, a time",3,',
        'c3,Order Completed,1709281800,7,',
      ),
    );
    const report = await runImportCommand({
      tailor: t,
      workspaceId: ws,
      kind: 'events',
      file,
      mapSpec: 'userId=customer_no,event=action,timestamp=at,ignore=notes',
      errorsOut,
      progressStream: new PassThrough(),
    });
    expect(report).toMatchObject({ rows: 4, ok: 2, failed: 2 });
    expect(readFileSync(errorsOut, 'utf8')).toBe(
      lines(
        'row,code,message',
        '2,missing_id,"a usable userId or anonymousId is required (junk ids such as ""null"" are refused)"',
        '3,invalid_timestamp,"column ""at"" must be ISO-8601 or epoch seconds/milliseconds, not ""not, a time"""',
      ),
    );
    const [rec] = await t.state.query<{ file_name: string }>('SELECT file_name FROM imports WHERE id = $1', [
      report.importId,
    ]);
    expect(rec?.file_name).toBe('orders.csv');
  });

  test('a bad spec or a missing file is refused before anything is read', async () => {
    const ws = await newWorkspace(t);
    const file = path.join(dir, 'users.csv');
    writeFileSync(file, lines('user_id', 'u1'));
    const base = { tailor: t, workspaceId: ws, kind: 'users' as const, progressStream: new PassThrough() };
    expect(await codeOf(runImportCommand({ ...base, file, mapSpec: 'userId' }))).toBe('invalid_mapping');
    expect(await codeOf(runImportCommand({ ...base, file: path.join(dir, 'nope.csv') }))).toBe(
      'file_not_found',
    );
    expect(await codeOf(runImportCommand({ ...base, file: dir }))).toBe('not_a_file');
    const rows = await t.state.query('SELECT 1 FROM imports WHERE workspace_id = $1', [ws]);
    expect(rows).toHaveLength(0);
  });
});
