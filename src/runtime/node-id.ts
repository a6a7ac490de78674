import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A stable id for this data directory: names its spool's checkpoints in shared stores. */
export function nodeId(dataDir: string): string {
  const file = path.join(dataDir, 'node-id');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(dataDir, { recursive: true });
    const id = randomUUID();
    writeFileSync(file, id, { flag: 'wx' });
    return readFileSync(file, 'utf8').trim();
  }
}
