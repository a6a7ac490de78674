import type { Sql } from '../stores/state/state-store.js';
import type { ImportKind } from './column-plan.js';
import type { RowError } from './row-errors.js';

/** Errors kept on the `imports` row: a sample for the console; the full list is the report's. */
const STORED_ERRORS = 100;

export interface ImportCounts {
  rows: number;
  ok: number;
  failed: number;
}

/**
 * The `imports` row of one run. `rows_ok` counts rows this run loaded; rows skipped because
 * an earlier run loaded them are `rows_total - rows_ok - rows_failed`.
 *
 *   INSERT INTO imports (id, workspace_id, kind, file_name, file_hash, status)
 *   VALUES ($1, $2, $3, $4, '', 'running')
 */
export async function insertImportRecord(
  db: Sql,
  r: { id: string; workspaceId: string; kind: ImportKind; fileName: string },
): Promise<void> {
  await db.query(
    `INSERT INTO imports (id, workspace_id, kind, file_name, file_hash, status) VALUES ($1, $2, $3, $4, '', 'running')`,
    [r.id, r.workspaceId, r.kind, r.fileName],
  );
}

/** UPDATE imports SET rows_total = $2, rows_ok = $3, rows_failed = $4 WHERE id = $1 */
export async function updateImportProgress(db: Sql, id: string, c: ImportCounts): Promise<void> {
  await db.query('UPDATE imports SET rows_total = $2, rows_ok = $3, rows_failed = $4 WHERE id = $1', [
    id,
    c.rows,
    c.ok,
    c.failed,
  ]);
}

/**
 * Final state. `fileHash` is '' when the file was not read to the end (the run failed), since
 * a hash of part of a file identifies nothing.
 *
 *   UPDATE imports SET status = $2, file_hash = $3, rows_total = $4, rows_ok = $5,
 *     rows_failed = $6, errors = $7::jsonb, finished_at = now() WHERE id = $1
 */
export async function finishImportRecord(
  db: Sql,
  id: string,
  r: { status: 'done' | 'failed'; fileHash: string; counts: ImportCounts; errors: readonly RowError[] },
): Promise<void> {
  await db.query(
    `UPDATE imports SET status = $2, file_hash = $3, rows_total = $4, rows_ok = $5, rows_failed = $6,
       errors = $7::jsonb, finished_at = now() WHERE id = $1`,
    [
      id,
      r.status,
      r.fileHash,
      r.counts.rows,
      r.counts.ok,
      r.counts.failed,
      JSON.stringify(r.errors.slice(0, STORED_ERRORS)),
    ],
  );
}
