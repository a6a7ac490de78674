import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { loadConfig } from '../config/env.js';
import { type StartOptions, startTailor, type Tailor } from '../runtime/tailor.js';

/** Test support: a real Tailor (PGlite + DuckDB) in a temporary directory. */
export async function startTestTailor(
  opts: StartOptions = {},
): Promise<{ tailor: Tailor; dir: string; stop(): Promise<void> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tailor-import-'));
  const tailor = await startTailor(loadConfig({ TAILOR_DATA_DIR: dir, TAILOR_LOG_LEVEL: 'silent' }), opts);
  return {
    tailor,
    dir,
    async stop() {
      await tailor.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh workspace, so tests sharing one Tailor never see each other's rows. */
export async function newWorkspace(tailor: Tailor): Promise<string> {
  const id = `ws_${randomUUID().slice(0, 8)}`;
  await tailor.state.query('INSERT INTO workspaces (id, name) VALUES ($1, $2)', [id, id]);
  return id;
}

/** CSV text as a byte stream, split into small chunks so rows straddle chunk boundaries. */
export function csvStream(text: string, chunkBytes = 7): Readable {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunkBytes) chunks.push(bytes.subarray(i, i + chunkBytes));
  return Readable.from(chunks);
}

export const lines = (...rows: string[]) => `${rows.join('\n')}\n`;
