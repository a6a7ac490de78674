import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  statSync,
  unlinkSync,
} from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import path from 'node:path';
import CRC32 from 'crc-32';

/**
 * The ingest write-ahead log. A request is acknowledged once its events are in this log and
 * fsync'd; the applier then moves them into the stores at its own pace, and after a crash the
 * records past the stores' checkpoints are applied again.
 *
 * Layout: files named by the log sequence number (LSN, a byte offset across all files) of
 * their first record. Each record is `u32 length | u32 crc32(payload) | payload`; a record's
 * LSN is the offset just past it. A torn tail (a record cut short by a crash, never
 * acknowledged) is detected by its length or checksum and cut off when the log is opened.
 *
 * Appends are group-committed: while one write+fdatasync is in flight, new appends queue up
 * and go out together in the next one, so throughput grows with load instead of paying one
 * fsync per request.
 */
export interface SpoolRecord {
  lsn: number;
  payload: Buffer;
}

const HEADER = 8;
const SEGMENT_BYTES = 64 * 1024 * 1024;
const MAX_RECORD = 64 * 1024 * 1024;
const fileName = (lsn: number) => `${String(lsn).padStart(16, '0')}.wal`;

interface Pending {
  chunks: Buffer[];
  resolve: (lsn: number) => void;
  reject: (e: unknown) => void;
  lsn: number;
}

export class Spool {
  private segments: number[] = [];
  private handle: FileHandle | undefined;
  private currentStart = 0;
  private endLsn = 0;
  private queue: Pending[] = [];
  private flushing: Promise<void> | undefined;
  private closed = false;
  /** LSN up to which everything is durable. */
  durableLsn = 0;

  private constructor(private readonly dir: string) {}

  /** Opens (or creates) the log in `dir`, repairing a torn tail. */
  static async open(dir: string): Promise<Spool> {
    mkdirSync(dir, { recursive: true });
    const spool = new Spool(dir);
    spool.segments = readdirSync(dir)
      .filter((f) => /^\d{16}\.wal$/.test(f))
      .map((f) => Number(f.slice(0, 16)))
      .sort((a, b) => a - b);
    const last = spool.segments.at(-1);
    if (last === undefined) {
      spool.segments = [0];
      spool.currentStart = 0;
      spool.endLsn = 0;
    } else {
      const validBytes = scanValidPrefix(path.join(dir, fileName(last)));
      spool.currentStart = last;
      spool.endLsn = last + validBytes;
    }
    spool.handle = await open(path.join(dir, fileName(spool.currentStart)), 'a+');
    await spool.handle.truncate(spool.endLsn - spool.currentStart);
    await spool.handle.sync();
    spool.durableLsn = spool.endLsn;
    return spool;
  }

  /** LSN of the end of the log (everything appended so far, durable or not). */
  get end(): number {
    return this.endLsn;
  }

  /** Appends one record; resolves with its LSN once it is on disk. */
  append(payload: Buffer): Promise<number> {
    if (this.closed) return Promise.reject(new Error('spool is closed'));
    if (payload.length > MAX_RECORD) return Promise.reject(new Error('spool record too large'));
    const header = Buffer.allocUnsafe(HEADER);
    header.writeUInt32LE(payload.length, 0);
    header.writeUInt32LE(CRC32.buf(payload) >>> 0, 4);
    this.endLsn += HEADER + payload.length;
    const lsn = this.endLsn;
    return new Promise((resolve, reject) => {
      this.queue.push({ chunks: [header, payload], resolve, reject, lsn });
      if (!this.flushing) this.flushing = this.flushLoop();
    });
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue;
        this.queue = [];
        try {
          await this.writeBatch(batch);
          for (const p of batch) p.resolve(p.lsn);
        } catch (e) {
          for (const p of batch) p.reject(e);
        }
      }
    } finally {
      this.flushing = undefined;
    }
  }

  private async writeBatch(batch: Pending[]): Promise<void> {
    let chunks: Buffer[] = [];
    for (const p of batch) {
      chunks.push(...p.chunks);
      // Records never span files: rotate after a record once the file is past its size.
      if (p.lsn - this.currentStart >= SEGMENT_BYTES) {
        await this.writeAll(chunks);
        chunks = [];
        await this.handle!.sync();
        await this.handle!.close();
        this.currentStart = p.lsn;
        this.segments.push(p.lsn);
        this.handle = await open(path.join(this.dir, fileName(p.lsn)), 'a+');
        syncDir(this.dir);
      }
    }
    if (chunks.length > 0) await this.writeAll(chunks);
    await this.handle!.datasync();
    this.durableLsn = batch.at(-1)!.lsn;
  }

  private async writeAll(chunks: Buffer[]): Promise<void> {
    let rest = chunks;
    while (rest.length > 0) {
      const { bytesWritten } = await this.handle!.writev(rest);
      rest = skipBytes(rest, bytesWritten);
    }
  }

  /** Reads every durable record with an LSN greater than `afterLsn`, in order. */
  *replay(afterLsn: number): Generator<SpoolRecord> {
    for (let i = 0; i < this.segments.length; i++) {
      const start = this.segments[i]!;
      const next = this.segments[i + 1] ?? Number.POSITIVE_INFINITY;
      if (next <= afterLsn) continue;
      for (const rec of readRecords(path.join(this.dir, fileName(start)), start, this.durableLsn)) {
        if (rec.lsn > afterLsn) yield rec;
      }
    }
  }

  /** Deletes files whose records all have LSN ≤ `lsn` (they are in the stores). */
  release(lsn: number): void {
    while (this.segments.length > 1 && this.segments[1]! <= lsn) {
      const start = this.segments.shift()!;
      try {
        unlinkSync(path.join(this.dir, fileName(start)));
      } catch {
        // Already gone: nothing to free.
      }
    }
  }

  /** Bytes in the log not yet released (an upper bound on what a restart would replay). */
  retainedBytes(): number {
    return this.endLsn - (this.segments[0] ?? 0);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.flushing;
    await this.handle?.close();
    this.handle = undefined;
  }
}

function skipBytes(chunks: Buffer[], n: number): Buffer[] {
  let left = n;
  let i = 0;
  while (i < chunks.length && left >= chunks[i]!.length) {
    left -= chunks[i]!.length;
    i++;
  }
  const rest = chunks.slice(i);
  if (left > 0 && rest.length > 0) rest[0] = rest[0]!.subarray(left);
  return rest;
}

function syncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function* readRecords(file: string, startLsn: number, limitLsn: number): Generator<SpoolRecord> {
  const size = statSync(file).size;
  const fd = openSync(file, 'r');
  try {
    let pos = 0;
    const header = Buffer.alloc(HEADER);
    while (pos + HEADER <= size && startLsn + pos < limitLsn) {
      readSync(fd, header, 0, HEADER, pos);
      const len = header.readUInt32LE(0);
      if (len > MAX_RECORD || pos + HEADER + len > size) return;
      const payload = Buffer.alloc(len);
      readSync(fd, payload, 0, len, pos + HEADER);
      if (CRC32.buf(payload) >>> 0 !== header.readUInt32LE(4)) return;
      pos += HEADER + len;
      yield { lsn: startLsn + pos, payload };
    }
  } finally {
    closeSync(fd);
  }
}

/** Length of the prefix of `file` made of whole, checksum-valid records. */
function scanValidPrefix(file: string): number {
  let end = 0;
  let base = -1;
  for (const rec of readRecords(file, 0, Number.POSITIVE_INFINITY)) {
    base = 0;
    end = rec.lsn;
  }
  return base === -1 ? 0 : end;
}
