import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import type { StateStoreConfig } from '../../config/env.js';
import { PgliteWorkerStore } from './pglite-worker-store.js';
import type { Sql, StateStore } from './state-store.js';

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

// int8 as a JS number: counts and epoch milliseconds stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

export async function openStateStore(
  cfg: StateStoreConfig,
  opts: { migrate?: boolean } = {},
): Promise<StateStore> {
  if (cfg.kind === 'pglite') {
    mkdirSync(cfg.dir, { recursive: true });
    // PGlite applies migrations when its worker opens the database.
    return PgliteWorkerStore.open(cfg.dir, migrationsFolder);
  }
  const store = await openPostgres(cfg.url);
  if (opts.migrate !== false) await store.migrate();
  return store;
}

async function openPostgres(url: string): Promise<StateStore & { migrate(): Promise<void> }> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on next use.
  });
  const run = async <T>(text: string, params?: unknown[]) => (await pool.query(text, params)).rows as T[];
  return {
    kind: 'postgres',
    query: run,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const tx: Sql = { query: async (t, p) => (await client.query(t, p)).rows };
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        throw e;
      } finally {
        client.release();
      }
    },
    async migrate() {
      // Several Tailor processes may start at once against one database.
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock(727274)');
        await migratePg(drizzlePg(client), { migrationsFolder });
      } finally {
        await client.query('SELECT pg_advisory_unlock(727274)').catch(() => {});
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
