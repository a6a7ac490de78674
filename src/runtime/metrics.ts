import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { Applier } from '../ingest/applier.js';
import type { Spool } from '../ingest/spool.js';
import type { StateStore } from '../stores/state/state-store.js';

interface RejectionCount {
  workspaceId: string;
  day: string;
  code: string;
  count: number;
  lastMessage: string;
}

/**
 * Prometheus metrics (served at /metrics) and the per-workspace rejected-event counts the
 * ingest page shows; those are kept in memory and flushed to the state store every few
 * seconds rather than written on the hot path.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly eventsAccepted = new Counter({
    name: 'tailor_ingest_events_accepted_total',
    help: 'Events accepted (durable in the spool)',
    registers: [this.registry],
  });
  readonly eventsRejected = new Counter({
    name: 'tailor_ingest_events_rejected_total',
    help: 'Events rejected, by error code',
    labelNames: ['code'],
    registers: [this.registry],
  });
  readonly requests = new Counter({
    name: 'tailor_http_requests_total',
    help: 'HTTP requests by route and status',
    labelNames: ['route', 'status'],
    registers: [this.registry],
  });
  private pending = new Map<string, RejectionCount>();
  private timer: NodeJS.Timeout | undefined;

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'tailor_' });
  }

  bindApplier(applier: Applier, spool: Spool): void {
    const gauges: [string, string, () => number][] = [
      [
        'tailor_ingest_queue_depth',
        'Events acknowledged but not yet applied to the stores',
        () => applier.backlog,
      ],
      [
        'tailor_ingest_applied_events',
        'Events applied to the stores since start',
        () => applier.appliedEvents,
      ],
      ['tailor_ingest_apply_batches', 'Applier batches applied since start', () => applier.batches],
      [
        'tailor_profile_rows_written',
        'Profile rows written by the applier since start (a busy profile is written once per batch)',
        () => applier.profileRowsWritten,
      ],
      [
        'tailor_ingest_apply_failures',
        'Applier batches that failed and were retried',
        () => applier.failures,
      ],
      [
        'tailor_ingest_set_aside_events',
        'Events a store refused on their own, set aside in dead_letters since start',
        () => applier.setAside,
      ],
      ['tailor_spool_retained_bytes', 'Bytes of spool kept until applied', () => spool.retainedBytes()],
    ];
    for (const [name, help, read] of gauges) {
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          this.set(read());
        },
      });
    }
  }

  recordRejection(workspaceId: string, code: string, message: string): void {
    this.eventsRejected.inc({ code });
    const day = new Date().toISOString().slice(0, 10);
    const key = `${workspaceId}\u0000${day}\u0000${code}`;
    const cur = this.pending.get(key);
    if (cur) {
      cur.count++;
      cur.lastMessage = message;
    } else {
      this.pending.set(key, { workspaceId, day, code, count: 1, lastMessage: message });
    }
  }

  startFlushing(state: StateStore, everyMs = 2000): void {
    this.timer = setInterval(() => void this.flushRejections(state).catch(() => {}), everyMs);
    this.timer.unref();
  }

  async flushRejections(state: StateStore): Promise<void> {
    if (this.pending.size === 0) return;
    const rows = [...this.pending.values()];
    this.pending.clear();
    await state
      .query(
        `INSERT INTO ingest_errors (workspace_id, day, code, count, last_message)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[])
       ON CONFLICT (workspace_id, day, code) DO UPDATE
       SET count = ingest_errors.count + excluded.count, last_message = excluded.last_message`,
        [
          rows.map((r) => r.workspaceId),
          rows.map((r) => r.day),
          rows.map((r) => r.code),
          rows.map((r) => r.count),
          rows.map((r) => r.lastMessage.slice(0, 500)),
        ],
      )
      .catch((e) => {
        // Keep the counts for the next flush rather than lose them.
        for (const r of rows) {
          const key = `${r.workspaceId}\u0000${r.day}\u0000${r.code}`;
          const cur = this.pending.get(key);
          if (cur) cur.count += r.count;
          else this.pending.set(key, r);
        }
        throw e;
      });
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
