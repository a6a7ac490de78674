import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { PgliteWorkerStore } from './pglite-worker-store.js';

const migrations = fileURLToPath(new URL('./migrations', import.meta.url));
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'tailor-search-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The migrations folder as it was before `tag`: the journal cut there. */
function migrationsBefore(tag: string): string {
  const out = tempDir();
  cpSync(migrations, out, { recursive: true });
  const journalPath = path.join(out, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const cut = journal.entries.findIndex((e) => e.tag === tag);
  expect(cut).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, cut);
  writeFileSync(journalPath, JSON.stringify(journal));
  return out;
}

const insertProfile = (db: PgliteWorkerStore, pid: string, traits: Record<string, unknown>) =>
  db.query(`INSERT INTO profiles (workspace_id, profile_id, traits) VALUES ('ws', $1, $2::jsonb)`, [
    pid,
    JSON.stringify(traits),
  ]);

describe('profile search table (PGlite)', () => {
  it('is filled from the profiles already stored when the migration runs, and indexed by trigrams', async () => {
    const dataDir = tempDir();
    const old = await PgliteWorkerStore.open(dataDir, migrationsBefore('0006_profile_search'));
    await insertProfile(old, 'p1', {
      name: ['欧阳娜娜', 1],
      city: ['Zürich', 2],
      age: [41, 3],
      none: [null, 4],
    });
    await insertProfile(old, 'p2', {});
    await old.close();

    const db = await PgliteWorkerStore.open(dataDir, migrations);
    try {
      const rows = await db.query<{ profile_id: string; trait_text: string }>(
        'SELECT profile_id, trait_text FROM profile_search ORDER BY profile_id',
      );
      // Values only, lower-cased, in trait-name order; no row for a profile without traits.
      expect(rows).toEqual([{ profile_id: 'p1', trait_text: '41\nzürich\n欧阳娜娜' }]);
      const index = await db.query<{ indexdef: string }>(
        `SELECT indexdef FROM pg_indexes WHERE indexname = 'profile_search_trgm'`,
      );
      expect(index[0]?.indexdef).toContain('gin_trgm_ops');
      // With sequential scans off, the planner must take the index if it can serve the pattern.
      await db.query('SET enable_seqscan = off');
      const forced = await db.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT profile_id FROM profile_search WHERE trait_text LIKE lower('%ZÜRICH%')`,
      );
      expect(forced.map((r) => r['QUERY PLAN']).join('\n')).toContain('profile_search_trgm');
      await db.query('RESET enable_seqscan');

      // The triggers: a first trait creates the row, a change rewrites it, deleting the profile drops it.
      await db.query(`UPDATE profiles SET traits = '{"city": ["Genève", 5]}' WHERE profile_id = 'p2'`);
      await db.query(`UPDATE profiles SET event_count = 3 WHERE profile_id = 'p1'`);
      const after = await db.query<{ profile_id: string; trait_text: string }>(
        'SELECT profile_id, trait_text FROM profile_search ORDER BY profile_id',
      );
      expect(after).toEqual([
        { profile_id: 'p1', trait_text: '41\nzürich\n欧阳娜娜' },
        { profile_id: 'p2', trait_text: 'genève' },
      ]);
      await db.query(`DELETE FROM profiles WHERE profile_id = 'p1'`);
      expect(await db.query('SELECT profile_id FROM profile_search')).toEqual([{ profile_id: 'p2' }]);
    } finally {
      await db.close();
    }
  });
});
