import { Readable } from 'node:stream';
import { invalid } from '../../core/errors.js';
import { type ImportKind, type ImportReport, importCsv, parseMappingSpec } from '../../import/index.js';
import { recordAudit } from '../audit/record-audit.js';
import { type Ctx, requireRight } from '../context.js';

/**
 * A CSV file sent over HTTP, imported the same way as `tailor import` (streamed, so the file
 * is never held in memory; re-sending the same file adds nothing).
 */
export async function uploadImport({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: {
    kind: ImportKind;
    body: ReadableStream<Uint8Array> | null;
    fileName?: string | undefined;
    map?: string | undefined;
    signal?: AbortSignal;
  };
}): Promise<ImportReport> {
  requireRight(ctx, 'imports.run');
  if (!input.body) throw invalid('empty_body', 'send the CSV file as the request body');
  const mapping = input.map ? parseMappingSpec(input.map) : undefined;
  const report = await importCsv({
    tailor: ctx.tailor,
    workspaceId: ctx.workspaceId,
    kind: input.kind,
    input: Readable.fromWeb(input.body as import('node:stream/web').ReadableStream<Uint8Array>),
    fileName: (input.fileName ?? 'upload.csv').slice(0, 200),
    ...(mapping ? { mapping } : {}),
    ...(input.signal ? { signal: input.signal } : {}),
  });
  await recordAudit(ctx.tailor.state, {
    workspaceId: ctx.workspaceId,
    actor: ctx.actor,
    action: 'import.run',
    targetType: 'import',
    targetId: report.importId,
    after: {
      kind: input.kind,
      rows: report.rows,
      ok: report.ok,
      skipped: report.skipped,
      failed: report.failed,
    },
    requestId: ctx.requestId,
  });
  return report;
}
