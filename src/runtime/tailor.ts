import path from 'node:path';
import type { Config } from '../config/env.js';
import { Applier } from '../ingest/applier.js';
import { DedupWindow } from '../ingest/dedup.js';
import { Ingestor } from '../ingest/ingestor.js';
import { Spool } from '../ingest/spool.js';
import { SegmentEngine } from '../segments/engine/segment-engine.js';
import type { EventStore } from '../stores/events/event-store.js';
import { openEventStore } from '../stores/events/open-event-store.js';
import { openStateStore } from '../stores/state/open-state-store.js';
import type { StateStore } from '../stores/state/state-store.js';
import { createLogger, type Logger } from './logger.js';
import { Metrics } from './metrics.js';
import { nodeId } from './node-id.js';
import { prewarmPglite, startPgliteMaintenance } from './pglite-maintenance.js';
import { WorkspaceSettingsCache } from './workspace-settings.js';

const DEDUP_WINDOW_MS = 24 * 3600_000;

/** Everything a running Tailor process holds. Services receive it as `ctx.tailor`. */
export interface Tailor {
  config: Config;
  state: StateStore;
  events: EventStore;
  spool: Spool;
  applier: Applier;
  ingestor: Ingestor;
  segments: SegmentEngine;
  dedup: DedupWindow;
  settings: WorkspaceSettingsCache;
  metrics: Metrics;
  log: Logger;
  nodeId: string;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Events waiting for the applier beyond which ingest answers 429. */
  maxBacklog?: number;
  logger?: Logger;
  /**
   * false for commands that only administer (keys, users, workspaces, migrate): no dedup
   * rebuild, no spool replay, no applier. Anything they spool is applied at the next full start.
   */
  ingest?: boolean;
}

/**
 * Opens the stores, recovers the spool (re-applying anything acknowledged but not yet in the
 * stores), rebuilds the 24-hour dedup window, and starts the applier.
 */
export async function startTailor(config: Config, opts: StartOptions = {}): Promise<Tailor> {
  const log = opts.logger ?? createLogger(config.logLevel);
  const state = await openStateStore(config.state);
  const events = await openEventStore(config.events);
  const id = nodeId(config.dataDir);
  const spool = await Spool.open(path.join(config.dataDir, 'spool'));
  const settings = new WorkspaceSettingsCache(state);
  await settings.start();
  const metrics = new Metrics();
  const applier = new Applier({
    state,
    events,
    spool,
    name: `applier:${id}`,
    settingsFor: (ws) => settings.profileSettings(ws),
    onError: (e) => log.error({ err: e }, 'applier batch failed; retrying'),
    onSetAside: (poison) => {
      for (const p of poison)
        log.warn(
          {
            workspaceId: p.record.workspaceId,
            messageId: p.record.messageId,
            store: p.store,
            error: p.error,
          },
          'event refused by a store; set aside in dead_letters, the others applied',
        );
    },
    lingerMs: config.applyLingerMs,
  });
  const dedup = new DedupWindow(DEDUP_WINDOW_MS, config.dedupMaxIds);
  if (opts.ingest !== false) {
    await events.scanMessageIds(Date.now() - DEDUP_WINDOW_MS, (rows) => {
      for (const r of rows) dedup.claim(r.workspaceId, r.messageId, r.receivedAt);
    });
    const replayed = await applier.recover();
    for (const r of replayed) dedup.claim(r.workspaceId, r.messageId, r.receivedAt);
    if (replayed.length > 0)
      log.info({ events: replayed.length }, 'replaying acknowledged events from the spool');
    applier.start();
  }
  metrics.bindApplier(applier, spool);
  metrics.startFlushing(state);
  const stopMaintenance = startPgliteMaintenance(state, applier, log);
  const prewarm = config.state.kind === 'pglite' ? prewarmPglite(config.state.dir, log) : undefined;

  const segments = new SegmentEngine({
    state,
    events,
    settingsFor: (ws) => settings.profileSettings(ws),
    onError: (e) => log.error({ err: e }, 'segment run failed'),
    keyColumns: config.keyColumns === 'auto',
  });
  // Each run's profiles changed and, on DuckDB, the milliseconds of its steps.
  segments.on('run', (r) => log.debug(r, 'segment run'));
  applier.on('applied', (records, merges) => {
    for (const r of records) segments.markDirty(r.workspaceId, r.profileId);
    for (const m of merges) {
      segments.markDirty(m.workspaceId, m.fromProfile);
      segments.markDirty(m.workspaceId, m.intoProfile);
    }
  });
  if (opts.ingest !== false)
    segments.start({ liveMs: config.segmentLiveMs, refreshMs: config.segmentRefreshMs });

  const ingestor = new Ingestor(spool, applier, dedup, {
    maxBacklog: opts.maxBacklog ?? config.maxBacklog,
    onAccepted: (_ws, n) => metrics.eventsAccepted.inc(n),
    onRejected: (ws, r) => metrics.recordRejection(ws, r.code, r.message),
  });

  let closed = false;
  return {
    config,
    state,
    events,
    spool,
    applier,
    ingestor,
    segments,
    dedup,
    settings,
    metrics,
    log,
    nodeId: id,
    async close() {
      if (closed) return;
      closed = true;
      settings.stop();
      metrics.stop();
      stopMaintenance();
      prewarm?.stop();
      await applier.stop();
      await segments.stop();
      await spool.close();
      await metrics.flushRejections(state).catch(() => {});
      await events.close();
      await state.close();
    },
  };
}
