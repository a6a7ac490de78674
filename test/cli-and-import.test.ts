import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from './helpers/stores.js';
import {
  api,
  makeWorkspace,
  startTestTailor,
  type TestServer,
  type TestWorkspace,
} from './helpers/tailor.js';

const run = promisify(execFile);
const bin = path.resolve(import.meta.dirname, '../bin/tailor.mjs');

async function tailor(dataDir: string, ...args: string[]) {
  try {
    const r = await run(process.execPath, [bin, '--data-dir', dataDir, ...args], {
      env: { ...process.env, TAILOR_LOG_LEVEL: 'silent' },
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('tailor CLI', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const c = await testConfig({ state: 'pglite', events: 'duckdb' });
    dir = c.config.dataDir;
    cleanup = c.cleanup;
  });
  afterAll(async () => cleanup());

  it('creates a workspace and prints only a key, for scripts', async () => {
    expect(
      (await tailor(dir, 'workspace', 'create', '--name', 'CLI shop', '--id', 'cli-shop')).stdout.trim(),
    ).toBe('cli-shop');
    const key = await tailor(dir, 'keys', 'create', '--workspace', 'cli-shop', '--type', 'write');
    expect(key.code).toBe(0);
    expect(key.stdout).toMatch(/^tw_[A-Za-z0-9_-]{24}\n$/);
  });

  it('fails with a clear message and a non-zero code on bad arguments', async () => {
    const badType = await tailor(dir, 'keys', 'create', '--workspace', 'cli-shop', '--type', 'admin');
    expect(badType.code).toBe(2);
    expect(badType.stderr).toMatch(/--type/);
    const missing = await tailor(dir, 'keys', 'create', '--type', 'write');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--workspace/);
    const unknown = await tailor(dir, 'keys', 'create', '--workspace', 'nope', '--type', 'write');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no workspace nope/);
    const dup = await tailor(dir, 'workspace', 'create', '--name', 'again', '--id', 'cli-shop');
    expect(dup.code).toBe(5);
    expect((await tailor(dir, 'frobnicate')).code).toBe(2);
  });

  it('generates a demo shop whose history ends on the day asked for', async () => {
    const bad = await tailor(dir, 'demo', '--workspace', 'demo-end', '--users', '3', '--end', '2026-02-30');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/YYYY-MM-DD/);
    const ok = await tailor(dir, 'demo', '--workspace', 'demo-end', '--users', '20', '--end', '2026-11-15');
    expect(ok.code).toBe(0);
    // activity in the two weeks before the end, which the default end (2026-11-01) would not have
    const definition = {
      version: 1,
      root: {
        type: 'event',
        event: 'Product Viewed',
        window: { between: { from: '2026-11-02T00:00:00Z', to: '2026-11-15T00:00:00Z' } },
      },
    };
    const preview = await tailor(
      dir,
      ...['segment', 'preview', '--workspace', 'demo-end', '--definition', JSON.stringify(definition)],
    );
    expect(preview.code, preview.stderr).toBe(0);
    expect(Number(/^(\d+) of 20 profiles/.exec(preview.stdout)?.[1])).toBeGreaterThan(0);
  });

  it('imports a CSV, reports bad rows with their numbers, and adds nothing on a re-run', async () => {
    const file = path.join(dir, 'users.csv');
    writeFileSync(
      file,
      'user_id,email,city\nc1,One@Example.com,上海\n,nobody@example.com,北京\nc2,two@example.com,深圳\n',
    );
    const first = await tailor(dir, 'import', 'users', file, '--workspace', 'cli-shop');
    expect(first.stdout).toMatch(/3 rows: 2 imported, 0 already present, 1 failed/);
    expect(first.stdout).toMatch(/row 2: missing_id/);
    expect(first.code).toBe(3);
    const again = await tailor(dir, 'import', 'users', file, '--workspace', 'cli-shop');
    expect(again.stdout).toMatch(/3 rows: 0 imported, 2 already present, 1 failed/);
  });

  it('creates, lists, previews, pages and exports a segment', async () => {
    const def = JSON.stringify({
      version: 1,
      root: { type: 'trait', trait: 'city', op: 'eq', value: '上海' },
    });
    const preview = await tailor(dir, 'segment', 'preview', '--workspace', 'cli-shop', '--definition', def);
    expect(preview.stdout).toMatch(/^1 of 2 profiles\n/);
    const bad = await tailor(
      dir,
      'segment',
      'preview',
      '--workspace',
      'cli-shop',
      '--definition',
      '{"version":1}',
    );
    expect(bad.stderr).toMatch(/\(invalid_definition\)/);
    expect(bad.code).not.toBe(0);
    const created = await tailor(
      dir,
      'segment',
      'create',
      '--workspace',
      'cli-shop',
      '--name',
      'Shanghai',
      '--definition',
      def,
    );
    const id = /created (seg_\w+) "Shanghai": 1 members/.exec(created.stdout)?.[1];
    expect(id).toBeDefined();
    expect((await tailor(dir, 'segment', 'list', '--workspace', 'cli-shop')).stdout).toBe(
      `${id}\t1\tShanghai\n`,
    );
    const members = await tailor(dir, 'segment', 'members', id!, '--workspace', 'cli-shop');
    expect(members.stdout.trim().split('\n')).toHaveLength(1);
    const csv = await tailor(dir, 'segment', 'export', id!, '--workspace', 'cli-shop');
    expect(csv.stdout).toMatch(/^profile_id,user_id,email,phone,name\n[^,]+,c1,one@example.com,,\n$/);
  });
});

describe('import over HTTP', () => {
  let s: TestServer;
  let w: TestWorkspace;
  beforeAll(async () => {
    s = await startTestTailor({ state: 'pglite', events: 'duckdb' });
    w = await makeWorkspace(s.tailor, 'upload');
  });
  afterAll(async () => s?.close());

  it('streams a CSV body into events and profiles, idempotently', async () => {
    const csv =
      'user_id,action,ts,amount\nu1,Order Completed,2026-01-02T10:00:00Z,12.5\nu1,Order Completed,1767348000,7.5\nu2,,2026-01-02T10:00:00Z,1\n';
    const send = () =>
      fetch(
        `${s.url}/api/v1/imports/events?map=${encodeURIComponent('event=action,timestamp=ts,properties.amount=revenue')}&fileName=orders.csv`,
        {
          method: 'POST',
          headers: { Authorization: `Bearer ${w.secretKey}`, 'Content-Type': 'text/csv' },
          body: csv,
        },
      );
    const res = await send();
    expect(res.status).toBe(200);
    const report = (await res.json()) as {
      ok: number;
      failed: number;
      errors: { row: number; code: string }[];
    };
    expect(report).toMatchObject({ ok: 2, failed: 1 });
    expect(report.errors[0]).toMatchObject({ row: 3 });
    const p = await api(s.url, w.secretKey, 'GET', '/profiles/u1');
    expect(p.body.profile.computed).toMatchObject({ orderCount: 2, totalSpend: 20 });
    const again = (await (await send()).json()) as { ok: number; skipped: number };
    expect(again).toMatchObject({ ok: 0, skipped: 2 });
    const list = await api(s.url, w.secretKey, 'GET', '/imports');
    expect(list.body.imports).toHaveLength(2);
    const bad = await fetch(`${s.url}/api/v1/imports/events?map=${encodeURIComponent('nonsense')}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${w.secretKey}`, 'Content-Type': 'text/csv' },
      body: csv,
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid_mapping');
  });
});
