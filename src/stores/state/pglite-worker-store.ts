import { Worker } from 'node:worker_threads';
import type { Request, Response } from './pglite-worker.js';
import type { Sql, StateStore } from './state-store.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type Pending = { resolve: (rows: unknown[]) => void; reject: (e: Error) => void };

/** An error from PGlite, with its SQLSTATE code kept for callers that check it. */
export class StateQueryError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/**
 * The embedded state store: PGlite in a worker thread (see pglite-worker.ts), behind the same
 * `StateStore` interface as PostgreSQL. PGlite is one session, so statements are queued: a
 * transaction holds the queue from BEGIN to COMMIT, so no other statement runs inside it.
 */
export class PgliteWorkerStore implements StateStore {
  readonly kind = 'pglite' as const;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly worker: Worker) {
    worker.on('message', (res: Response) => {
      const p = this.pending.get(res.id);
      if (!p) return;
      this.pending.delete(res.id);
      if (res.ok) p.resolve(res.rows);
      else p.reject(new StateQueryError(res.error.message, res.error.code));
    });
    worker.on('error', (e) => {
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    });
  }

  static async open(dir: string, migrationsFolder: string): Promise<PgliteWorkerStore> {
    const worker = new Worker(new URL('./pglite-worker-entry.mjs', import.meta.url));
    const store = new PgliteWorkerStore(worker);
    try {
      await store.send({ op: 'open', dir, migrationsFolder });
    } catch (e) {
      await worker.terminate();
      throw e;
    }
    return store;
  }

  private send(req: DistributiveOmit<Request, 'id'>): Promise<unknown[]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...req, id });
    });
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => {});
    return run;
  }

  private raw = <T>(text: string, params: unknown[] = []) =>
    this.send({ op: 'query', text, params }) as Promise<T[]>;

  query<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
    return this.exclusive(() => this.raw<T>(text, params));
  }

  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      await this.raw('BEGIN');
      try {
        const result = await fn({ query: this.raw });
        await this.raw('COMMIT');
        return result;
      } catch (e) {
        await this.raw('ROLLBACK').catch(() => {});
        throw e;
      }
    });
  }

  async close(): Promise<void> {
    await this.exclusive(() => this.send({ op: 'close' }));
    await this.worker.terminate();
  }
}
