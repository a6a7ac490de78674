import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { invalid, notFound } from '../core/errors.js';
import type { Tailor } from '../runtime/tailor.js';
import { parseMappingSpec } from './column-mapping.js';
import type { ImportKind } from './column-plan.js';
import { openErrorsCsv } from './errors-csv.js';
import { type ImportReport, importCsv } from './import-csv.js';
import { renderProgress } from './render-progress.js';

export interface RunImportCommandInput {
  tailor: Tailor;
  workspaceId: string;
  kind: ImportKind;
  file: string;
  /** `--map`, see parseMappingSpec. */
  mapSpec?: string | undefined;
  /** `--errors-out`: where to write every failed row as CSV (row,code,message). */
  errorsOut?: string | undefined;
  signal?: AbortSignal | undefined;
  /** Where the progress bar goes; stderr unless a test says otherwise. */
  progressStream?: NodeJS.WritableStream | undefined;
}

/**
 * `tailor import users|events FILE.csv [--workspace W] [--map SPEC] [--errors-out FILE]`:
 * everything but argument parsing and printing the report. The mapping and the paths are
 * checked before any row is read.
 */
export async function runImportCommand(o: RunImportCommandInput): Promise<ImportReport> {
  const mapping = o.mapSpec !== undefined ? parseMappingSpec(o.mapSpec) : undefined;
  const info = await stat(o.file).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') throw notFound('file_not_found', `no such file: ${o.file}`);
    throw e;
  });
  if (!info.isFile()) throw invalid('not_a_file', `${o.file} is not a file`);

  const errorsCsv = o.errorsOut !== undefined ? await openErrorsCsv(o.errorsOut) : undefined;
  const progress = renderProgress({ totalBytes: info.size, stream: o.progressStream });
  try {
    return await importCsv({
      tailor: o.tailor,
      workspaceId: o.workspaceId,
      kind: o.kind,
      input: createReadStream(o.file),
      fileName: path.basename(o.file),
      mapping,
      onProgress: (p) => progress.update(p),
      onRowError: errorsCsv ? (e) => errorsCsv.write(e) : undefined,
      signal: o.signal,
    });
  } finally {
    progress.stop();
    await errorsCsv?.close();
  }
}
