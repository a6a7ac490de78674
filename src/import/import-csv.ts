import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import { invalid, notFound, ServiceError } from '../core/errors.js';
import type { Tailor } from '../runtime/tailor.js';
import { getWorkspace } from '../services/workspaces/list-workspaces.js';
import { ByteTap } from './byte-tap.js';
import { type ColumnMapping, validateMapping } from './column-mapping.js';
import { buildColumnPlan, type ColumnPlan, type ImportKind } from './column-plan.js';
import { finishImportRecord, insertImportRecord, updateImportProgress } from './import-record.js';
import { loadChunk, type PendingRow } from './load-chunk.js';
import { type RowError, RowErrorLog } from './row-errors.js';
import { type Cells, rowToMessage } from './row-message.js';

export interface ImportProgress {
  rows: number;
  ok: number;
  failed: number;
  /** Bytes read from the input so far (a little ahead of `rows`: the parser buffers). */
  bytes: number;
}

export interface ImportCsvInput {
  tailor: Tailor;
  workspaceId: string;
  kind: ImportKind;
  /** The file's bytes (UTF-8, optional BOM); the first row names the columns. */
  input: Readable;
  fileName: string;
  mapping?: ColumnMapping | undefined;
  /** Called after every chunk. */
  onProgress?: ((p: ImportProgress) => void) | undefined;
  /** Called for every failed row, in file order; the report keeps only the first 1,000. */
  onRowError?: ((e: RowError) => void) | undefined;
  signal?: AbortSignal | undefined;
}

export interface ImportReport {
  importId: string;
  /** Data rows in the file (the header is not a row): ok + skipped + failed. */
  rows: number;
  /** Rows loaded by this run. */
  ok: number;
  /** Rows already loaded (by an earlier run, or repeated in this file). */
  skipped: number;
  failed: number;
  /** The first failed rows, in file order. */
  errors: RowError[];
  errorsTruncated: boolean;
  durationMs: number;
}

const CHUNK_ROWS = 2000;
const SAVE_PROGRESS_MS = 5000;
/** A record this long means an unbalanced quote swallowing the file; events are ≤ 32 KB anyway. */
const MAX_RECORD_CHARS = 1 << 20;

interface ParsedRow {
  row: number;
  cells: Cells;
  /** Fields in the row when it does not have as many as the header. */
  badLength?: number;
}

type ChunkEntry = PendingRow | RowError;

/**
 * Streams a CSV file of users (→ identify) or events (→ track/page/screen) into the ingestor,
 * 2,000 rows at a time, so memory does not grow with the file. Rows that fail are reported
 * and the rest load; re-running a file loads nothing twice (see row-message.ts for the
 * messageIds and load-chunk.ts for the checks). The run is recorded in the `imports` table.
 * Returns once every loaded row is applied, so profiles and the event store reflect the file.
 *
 * Throws (and records the run as failed) for problems with the whole file: unreadable CSV,
 * a header that does not fit the mapping, a missing workspace, cancellation. Rows loaded
 * before that stay loaded; fix the file and run it again.
 */
export async function importCsv(opts: ImportCsvInput): Promise<ImportReport> {
  const started = performance.now();
  const { tailor, workspaceId, kind, signal } = opts;
  const mapping = validateMapping(opts.mapping ?? {});
  if (!(await getWorkspace({ tailor, id: workspaceId }))) {
    throw notFound('workspace_not_found', `no workspace ${workspaceId}`);
  }

  const importId = `imp_${randomUUID()}`;
  await insertImportRecord(tailor.state, { id: importId, workspaceId, kind, fileName: opts.fileName });

  const errors = new RowErrorLog(undefined, opts.onRowError);
  const tally = { rows: 0, ok: 0, skipped: 0 };
  const counts = () => ({ rows: tally.rows, ok: tally.ok, failed: errors.total });
  const tap = new ByteTap();
  let plan: ColumnPlan | undefined;
  let headerLength = 0;
  let savedAt = Date.now();

  const flush = async (chunk: ChunkEntry[]) => {
    const failed = chunk.filter((e): e is RowError => 'code' in e);
    const pending = chunk.filter((e): e is PendingRow => !('code' in e));
    const loaded = await loadChunk(tailor, workspaceId, pending, signal);
    for (const e of [...failed, ...loaded.rejected].sort((a, b) => a.row - b.row)) errors.add(e);
    tally.rows += chunk.length;
    tally.ok += loaded.ok;
    tally.skipped += loaded.skipped;
    opts.onProgress?.({ ...counts(), bytes: tap.bytes });
    if (Date.now() - savedAt > SAVE_PROGRESS_MS) {
      savedAt = Date.now();
      await updateImportProgress(tailor.state, importId, counts());
    }
  };

  const parser = parse<ParsedRow, Record<string, string>>({
    bom: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_CHARS,
    columns: (header: string[]) => {
      const names = header.map((h) => h.trim());
      plan = buildColumnPlan(kind, names, mapping);
      headerLength = names.length;
      return names.map((n) => n || false);
    },
    // csv-parse would end the whole stream at the first row with a wrong number of fields;
    // relaxed, it hands the row over marked with the error, and only that row fails.
    relax_column_count: true,
    on_record: (cells, info) => {
      const row: ParsedRow = { row: info.records, cells };
      if (info.error !== undefined) row.badLength = fieldCount(info.error);
      return row;
    },
  });

  const consume = async (rows: AsyncIterable<ParsedRow>) => {
    let chunk: ChunkEntry[] = [];
    for await (const r of rows) {
      chunk.push(toEntry(r));
      if (chunk.length >= CHUNK_ROWS) {
        await flush(chunk);
        chunk = [];
      }
    }
    if (chunk.length > 0) await flush(chunk);
  };
  let consuming: Promise<void> | undefined;

  try {
    await pipeline(opts.input, tap, parser, (rows: AsyncIterable<ParsedRow>) => (consuming = consume(rows)), {
      signal,
    });
    if (plan === undefined) {
      throw invalid('empty_file', 'the file is empty; its first row must name the columns');
    }
    await untilAborted(tailor.applier.idle(), signal);
  } catch (e) {
    // A failing stream rejects the pipeline at once; let a chunk being loaded finish first,
    // so nothing is still writing once this returns.
    await consuming?.catch(() => {});
    const err = e instanceof CsvError ? invalid('invalid_csv', `the file is not valid CSV: ${e.message}`) : e;
    const cause: RowError = { row: 0, ...describe(err) };
    await finishImportRecord(tailor.state, importId, {
      status: 'failed',
      fileHash: '',
      counts: counts(),
      errors: [cause, ...errors.first],
    }).catch(() => {});
    throw err;
  }

  await finishImportRecord(tailor.state, importId, {
    status: 'done',
    fileHash: tap.digest(),
    counts: counts(),
    errors: errors.first,
  });
  return {
    importId,
    ...tally,
    failed: errors.total,
    errors: errors.first,
    errorsTruncated: errors.truncated,
    durationMs: Math.round(performance.now() - started),
  };

  function toEntry(r: ParsedRow): ChunkEntry {
    if (r.badLength !== undefined || plan === undefined) {
      return {
        row: r.row,
        code: 'invalid_column_count',
        message: `the row has ${r.badLength ?? '?'} fields; the header has ${headerLength}`,
      };
    }
    const out = rowToMessage(plan, r.cells, { workspaceId, importId, row: r.row });
    if (!out.ok) return { row: r.row, code: out.code, message: out.message };
    let chars = 0;
    for (const v of Object.values(r.cells)) chars += v?.length ?? 0;
    return { row: r.row, message: out.message, chars };
  }
}

/** The field count csv-parse attaches (as `record`) to its column-count error. */
function fieldCount(err: CsvError): number | undefined {
  const record: unknown = Reflect.get(err, 'record');
  return Array.isArray(record) ? record.length : undefined;
}

function describe(e: unknown): { code: string; message: string } {
  if (e instanceof ServiceError) return { code: e.code, message: e.message };
  if (e instanceof Error && e.name === 'AbortError') {
    return { code: 'aborted', message: 'the import was cancelled' };
  }
  return { code: 'internal', message: e instanceof Error ? e.message : String(e) };
}

async function untilAborted(p: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return p;
  signal.throwIfAborted();
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    await Promise.race([p, aborted]);
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}
