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
