import { type Ctx, requireRight } from '../context.js';

/** The workspace's latest imports with their counts and first errors. */
export async function listImports({ ctx, input }: { ctx: Ctx; input: { limit: number } }) {
  requireRight(ctx, 'imports.run');
  const rows = await ctx.tailor.state.query<Record<string, unknown>>(
    `SELECT id, kind, file_name, file_hash, status, rows_total, rows_ok, rows_failed, errors, created_at, finished_at
     FROM imports WHERE workspace_id = $1 ORDER BY created_at DESC, id LIMIT $2`,
    [ctx.workspaceId, input.limit],
  );
  return rows.map((r) => ({
    importId: String(r.id),
    kind: String(r.kind),
    fileName: String(r.file_name),
    fileHash: String(r.file_hash),
    status: String(r.status),
    rows: Number(r.rows_total),
    ok: Number(r.rows_ok),
    failed: Number(r.rows_failed),
    errors: r.errors,
    createdAt: new Date(r.created_at as string).toISOString(),
    finishedAt: r.finished_at ? new Date(r.finished_at as string).toISOString() : null,
  }));
}
