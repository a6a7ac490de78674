import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createLogger } from './logger.js';
import { prewarmPglite } from './pglite-maintenance.js';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('reads every table file under base/ once', async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'tailor-prewarm-'));
  mkdirSync(path.join(dir, 'base', '5'), { recursive: true });
  writeFileSync(path.join(dir, 'base', '5', '1259'), Buffer.alloc(3 * 2 ** 20 + 17));
  writeFileSync(path.join(dir, 'base', '5', '2619'), Buffer.alloc(8192));
  writeFileSync(path.join(dir, 'postmaster.opts'), 'not a table file');
  const { done } = prewarmPglite(dir, createLogger('silent'));
  expect(await done).toBe(3 * 2 ** 20 + 17 + 8192);
});

it('does nothing on a directory without tables, and stops when asked', async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'tailor-prewarm-'));
  expect(await prewarmPglite(dir, createLogger('silent')).done).toBe(0);
  mkdirSync(path.join(dir, 'base', '5'), { recursive: true });
  writeFileSync(path.join(dir, 'base', '5', '1259'), Buffer.alloc(4 * 2 ** 20));
  const p = prewarmPglite(dir, createLogger('silent'));
  p.stop();
  expect(await p.done).toBeLessThan(4 * 2 ** 20);
});
