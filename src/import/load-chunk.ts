import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { ServiceError } from '../core/errors.js';
import type { Applier } from '../ingest/applier.js';
import type { IngestResult } from '../ingest/ingestor.js';
import type { Tailor } from '../runtime/tailor.js';
import type { RowError } from './row-errors.js';
import type { ImportMessage } from './row-message.js';

export interface PendingRow {
  row: number;
  message: ImportMessage;
  /** Characters in the row's cells: a cheap measure of the message's size. */
  chars: number;
}

export interface ChunkResult {
  ok: number;
  skipped: number;
  rejected: RowError[];
}

/**
 * Events an import lets wait for the applier before it pauses. The ingestor's own limit
 * (500,000 by default) protects the process; this one keeps an import's share of memory to
 * about two applier batches, so a 1 M-row file costs what a 50,000-row file does.
 */
const IMPORT_MAX_BACKLOG = 40_000;
const RECHECK_MS = 500;
/**
 * Estimated bytes per `ingest` call. Each call is one spool record, capped at 64 MiB; 2,000
 * rows near the 32 KB event limit would pass that (properties are JSON inside JSON, so quotes
 * double), so wide rows go in several calls. Ordinary rows go in one.
 */
const MAX_CALL_BYTES = 16 * 1024 * 1024;
const estimatedBytes = (r: PendingRow) => 2 * r.chars + 1024;

/**
 * Loads one chunk of rows. A row is skipped, not loaded again, when its messageId is in the
 * ingestor's 24-hour window (accepted recently, perhaps not applied yet) or already in the
 * event store (accepted any time before); the ingestor drops repeats within the chunk itself.
 */
export async function loadChunk(
  tailor: Tailor,
  workspaceId: string,
  rows: readonly PendingRow[],
  signal?: AbortSignal,
): Promise<ChunkResult> {
  const recent = rows.filter((r) => !tailor.dedup.has(workspaceId, r.message.messageId));
  const stored =
    recent.length === 0
      ? new Set<string>()
      : await tailor.events.existingMessageIds(
          workspaceId,
          recent.map((r) => r.message.messageId),
        );
  const send = recent.filter((r) => !stored.has(r.message.messageId));
  const out: ChunkResult = { ok: 0, skipped: rows.length - send.length, rejected: [] };
  for (const part of bySize(send)) {
    const result = await ingestPatiently(
      tailor,
      workspaceId,
      part.map((r) => r.message),
      signal,
    );
    out.ok += result.accepted;
    out.skipped += result.duplicates;
    for (const rej of result.rejected) {
      out.rejected.push({ row: part[rej.index]?.row ?? 0, code: rej.code, message: rej.message });
    }
  }
  return out;
}

function bySize(rows: PendingRow[]): PendingRow[][] {
  const parts: PendingRow[][] = [];
  let part: PendingRow[] = [];
  let bytes = 0;
  for (const r of rows) {
    if (part.length > 0 && bytes + estimatedBytes(r) > MAX_CALL_BYTES) {
      parts.push(part);
      part = [];
      bytes = 0;
    }
    part.push(r);
    bytes += estimatedBytes(r);
  }
  if (part.length > 0) parts.push(part);
  return parts;
}

/** `ingest`, after waiting for the applier to catch up, and again whenever it answers 429. */
async function ingestPatiently(
  tailor: Tailor,
  workspaceId: string,
  messages: readonly ImportMessage[],
  signal: AbortSignal | undefined,
): Promise<IngestResult> {
  for (;;) {
    while (tailor.applier.backlog > IMPORT_MAX_BACKLOG) await appliedOrTimeout(tailor.applier, signal);
    signal?.throwIfAborted();
    try {
      return await tailor.ingestor.ingest(workspaceId, messages);
    } catch (e) {
      if (!(e instanceof ServiceError && e.kind === 'rate_limited')) throw e;
      await appliedOrTimeout(tailor.applier, signal);
    }
  }
}

/**
 * Resolves when the applier finishes a batch, or after a short wait in case it is failing and
 * retrying (then no batch finishes for a while, and the caller looks again).
 */
async function appliedOrTimeout(applier: Applier, signal: AbortSignal | undefined): Promise<void> {
  const done = new AbortController();
  const stop = signal ? AbortSignal.any([signal, done.signal]) : done.signal;
  try {
    await Promise.race([
      once(applier, 'applied', { signal: stop }),
      sleep(RECHECK_MS, undefined, { signal: stop }),
    ]);
  } finally {
    done.abort();
  }
}
