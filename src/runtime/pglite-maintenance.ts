import { open, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Applier } from '../ingest/applier.js';
import type { StateStore } from '../stores/state/state-store.js';
import type { Logger } from './logger.js';

/**
 * PostgreSQL's autovacuum does not run inside PGlite (there are no background workers), and
 * the applier rewrites a profile row for every batch that touches it, so without this the
 * state directory grows with every batch and lookups slow down. Every `everyMs`, once enough
 * events were applied since the last pass, vacuum and analyse the tables the applier writes.
 * PostgreSQL servers do this themselves.
 */
export function startPgliteMaintenance(
  state: StateStore,
  applier: Applier,
  log: Logger,
  opts: { everyMs?: number; minEvents?: number } = {},
): () => void {
  if (state.kind !== 'pglite') return () => {};
  let lastApplied = applier.appliedEvents;
  let running = false;
  const timer = setInterval(
    () => {
      if (running || applier.appliedEvents - lastApplied < (opts.minEvents ?? 200_000)) return;
      running = true;
      const started = Date.now();
      lastApplied = applier.appliedEvents;
      void (async () => {
        for (const table of ['profiles', 'identities']) await state.query(`VACUUM (ANALYZE) ${table}`);
      })()
        .then(() => log.info({ ms: Date.now() - started }, 'vacuumed the embedded state store'))
        .catch((err) => log.warn({ err }, 'vacuum of the embedded state store failed'))
        .finally(() => {
          running = false;
        });
    },
    opts.everyMs ?? 5 * 60_000,
  );
  timer.unref();
  // Planner statistics from the start: without them PostgreSQL may plan scans over tables
  // that grew since the last pass (ANALYZE samples rows, so it is quick even on large tables).
  const first = setTimeout(() => {
    void (async () => {
      for (const table of ['profiles', 'identities']) await state.query(`ANALYZE ${table}`);
    })().catch((err) => log.warn({ err }, 'analyze of the embedded state store failed'));
  }, 5000);
  first.unref();
  return () => {
    clearInterval(timer);
    clearTimeout(first);
  };
}

/**
 * Reads the embedded state store's table files once, in the background, so the operating
 * system has them cached before the first lookups (as PostgreSQL's pg_prewarm does; PGlite
 * has no shared memory to preload). A profile lookup touches a dozen pages at random; from
 * disk each costs milliseconds, from the page cache microseconds. Stops at half the free
 * memory, so it never pushes out more than it brings in.
 */
export function prewarmPglite(dir: string, log: Logger): { done: Promise<number>; stop(): void } {
  let stopped = false;
  const done = (async () => {
    const started = Date.now();
    let budget = os.freemem() / 2;
    let bytes = 0;
    const buf = Buffer.allocUnsafe(1 << 20);
    const base = path.join(dir, 'base');
    for (const db of await readdir(base).catch(() => [])) {
      for (const f of await readdir(path.join(base, db)).catch(() => [])) {
        const fh = await open(path.join(base, db, f), 'r').catch(() => undefined);
        if (!fh) continue;
        try {
          for (;;) {
            if (stopped || budget <= 0) return bytes;
            const { bytesRead } = await fh.read(buf, 0, buf.length, null);
            if (bytesRead === 0) break;
            bytes += bytesRead;
            budget -= bytesRead;
          }
        } finally {
          await fh.close();
        }
      }
    }
    log.info(
      { ms: Date.now() - started, mib: Math.round(bytes / 2 ** 20) },
      'prewarmed the embedded state store',
    );
    return bytes;
  })().catch((err) => {
    log.warn({ err }, 'prewarm of the embedded state store failed');
    return 0;
  });
  return {
    done,
    stop() {
      stopped = true;
    },
  };
}
