import { ServiceError } from '../core/errors.js';
import { acceptMessage, type BatchDefaults, isRejection, recordBytes } from './accept-message.js';
import type { Applier } from './applier.js';
import type { DedupWindow } from './dedup.js';
import type { EventRecord, MessageType } from './event-record.js';
import type { Spool } from './spool.js';
import { encodeRecords } from './spool-codec.js';

export interface RejectedEvent {
  index: number;
  messageId?: string | undefined;
  code: string;
  message: string;
}

export interface IngestResult {
  accepted: number;
  duplicates: number;
  rejected: RejectedEvent[];
}

export interface IngestorOptions {
  /** Events acknowledged but not yet applied beyond which new requests get 429. */
  maxBacklog: number;
  /** Called for every rejected event (counters, the ingest page). */
  onRejected?: (workspaceId: string, r: RejectedEvent) => void;
  onAccepted?: (workspaceId: string, n: number) => void;
}

/**
 * The one path every event takes in: HTTP endpoints, CSV imports and the demo all call
 * `ingest`. It validates, drops retries seen in the last 24 h, writes the batch to the spool
 * and returns once it is durable; the applier takes it from there.
 */
export class Ingestor {
  constructor(
    private readonly spool: Spool,
    private readonly applier: Applier,
    private readonly dedup: DedupWindow,
    private readonly opts: IngestorOptions,
  ) {}

  /** Throws `rate_limited` while the applier is too far behind. */
  checkCapacity(): void {
    if (this.applier.backlog > this.opts.maxBacklog) {
      throw new ServiceError(
        'rate_limited',
        'ingest_overloaded',
        'Tailor is applying a backlog of events; retry shortly',
        {
          retryAfterSeconds: Math.max(1, Math.ceil(this.applier.backlog / 50_000)),
        },
      );
    }
  }

  /**
   * Spools already-accepted events again (a set-aside event being retried): no validation, no
   * dedup claim, since they passed both when they first arrived.
   */
  async reapply(records: EventRecord[]): Promise<void> {
    if (records.length === 0) return;
    const lsn = await this.spool.append(Buffer.from(encodeRecords(records)));
    this.applier.enqueue(lsn, records);
  }

  async ingest(
    workspaceId: string,
    messages: readonly unknown[],
    opts: { defaults?: BatchDefaults; typeFromPath?: MessageType; receivedAt?: number } = {},
  ): Promise<IngestResult> {
    this.checkCapacity();
    const receivedAt = opts.receivedAt ?? Date.now();
    const defaults = opts.defaults ?? {};
    const records: EventRecord[] = [];
    const rejected: RejectedEvent[] = [];
    let duplicates = 0;
    for (let i = 0; i < messages.length; i++) {
      const raw = messages[i];
      const r = acceptMessage(raw, {
        workspaceId,
        receivedAt,
        defaults,
        ...(opts.typeFromPath ? { typeFromPath: opts.typeFromPath } : {}),
      });
      if (isRejection(r)) {
        const messageId =
          typeof raw === 'object' &&
          raw !== null &&
          typeof (raw as { messageId?: unknown }).messageId === 'string'
            ? (raw as { messageId: string }).messageId
            : undefined;
        const rej = { index: i, messageId, code: r.code, message: r.message };
        rejected.push(rej);
        this.opts.onRejected?.(workspaceId, rej);
        continue;
      }
      if (!this.dedup.claim(workspaceId, r.messageId, receivedAt)) {
        duplicates++;
        continue;
      }
      records.push(r);
    }
    // One spool record per ~8 MB, far under the spool's record limit, whatever the caller sends.
    let start = 0;
    while (start < records.length) {
      let end = start;
      let bytes = 0;
      while (end < records.length && (end === start || bytes < 8 * 1024 * 1024))
        bytes += recordBytes(records[end++]!);
      const chunk = records.slice(start, end);
      let lsn: number;
      try {
        lsn = await this.spool.append(Buffer.from(encodeRecords(chunk)));
      } catch (e) {
        for (const r of records.slice(start)) this.dedup.release(workspaceId, r.messageId);
        throw new ServiceError(
          'unavailable',
          'spool_write_failed',
          'events could not be written to disk; retry',
          {
            cause: String(e),
            acceptedBeforeFailure: start,
          },
        );
      }
      this.applier.enqueue(lsn, chunk);
      start = end;
    }
    if (records.length > 0) this.opts.onAccepted?.(workspaceId, records.length);
    return { accepted: records.length, duplicates, rejected };
  }
}
