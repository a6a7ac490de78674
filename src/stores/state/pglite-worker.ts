import { parentPort } from 'node:worker_threads';
import { PGlite, types } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';

/**
 * Runs PGlite in its own thread. PGlite executes each query synchronously in WebAssembly, so
 * on the main thread a long applier transaction would stall HTTP parsing and spool
 * acknowledgements; here it uses the second core instead. Protocol: see pglite-worker-store.ts.
 */
export type Request =
  | { id: number; op: 'open'; dir: string; migrationsFolder: string }
  | { id: number; op: 'query'; text: string; params: unknown[] }
  | { id: number; op: 'close' };

export type Response =
  | { id: number; ok: true; rows: unknown[] }
  | { id: number; ok: false; error: { message: string; code?: string } };

let db: PGlite | undefined;
const port = parentPort!;

async function handle(req: Request): Promise<unknown[]> {
  switch (req.op) {
    case 'open': {
      db = await PGlite.create(req.dir, {
        parsers: { [types.INT8]: (v: string) => Number(v) },
        extensions: { pg_trgm },
      });
      await migrate(drizzle(db), { migrationsFolder: req.migrationsFolder });
      return [];
    }
    case 'query':
      return (await db!.query(req.text, req.params)).rows;
    case 'close':
      await db?.close();
      db = undefined;
      return [];
  }
}

port.on('message', (req: Request) => {
  handle(req).then(
    (rows) => port.postMessage({ id: req.id, ok: true, rows } satisfies Response),
    (e: { message?: string; code?: string }) =>
      port.postMessage({
        id: req.id,
        ok: false,
        error: { message: String(e?.message ?? e), ...(e?.code ? { code: e.code } : {}) },
      } satisfies Response),
  );
});
