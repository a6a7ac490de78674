import { randomBytes } from 'node:crypto';
import { invalid, notFound } from '../../core/errors.js';
import { sql } from '../../stores/events/sql.js';
import { recordAudit } from '../audit/record-audit.js';
import { type Ctx, requireRight } from '../context.js';
import { LIST_COLUMNS, listView, type ManualList } from './list-view.js';
import { resolveIds } from './resolve-ids.js';

export const MAX_LIST_UPLOAD = 100_000;

function checkText(name: unknown, description: unknown) {
  const n = String(name ?? '').trim();
  if (n.length === 0 || n.length > 200) throw invalid('invalid_name', 'list name must be 1–200 characters');
  const d = String(description ?? '').trim();
  if (d.length > 2000) throw invalid('invalid_description', 'description is at most 2000 characters');
  return { name: n, description: d };
}

function checkIds(ids: unknown): string[] {
  if (!Array.isArray(ids) || ids.some((v) => typeof v !== 'string' || v.length > 300))
    throw invalid('invalid_ids', 'ids must be an array of strings of at most 300 characters');
  if (ids.length > MAX_LIST_UPLOAD)
    throw invalid(
      'too_many_ids',
      `at most ${MAX_LIST_UPLOAD} ids per upload; append the rest in further uploads`,
    );
  return ids as string[];
}

// Uploads to one list are applied one at a time, so a version is never written twice.
let chain: Promise<unknown> = Promise.resolve();
const serial = <T>(fn: () => Promise<T>): Promise<T> => {
  const next = chain.then(fn);
  chain = next.catch(() => {});
  return next;
};

/** Creates a manual list, optionally with its first ids. */
export async function createList({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { name: string; description?: string | undefined; ids?: string[] | undefined };
}): Promise<{ list: ManualList; matched: number; unmatched: string[] }> {
  requireRight(ctx, 'segments.write');
  const { name, description } = checkText(input.name, input.description);
  const ids = checkIds(input.ids ?? []);
  const id = `list_${randomBytes(6).toString('hex')}`;
  await ctx.tailor.state.transaction(async (tx) => {
    await tx.query('INSERT INTO lists (workspace_id, id, name, description) VALUES ($1, $2, $3, $4)', [
      ctx.workspaceId,
      id,
      name,
      description,
    ]);
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: 'list.create',
      targetType: 'list',
      targetId: id,
      after: { name, description },
      requestId: ctx.requestId,
    });
  });
  return setListMembers({ ctx, input: { id, ids, mode: 'replace' } });
}

/**
 * Replaces or extends a list's members. A replace writes the resolved profiles under a new
 * version in the event store, then makes that version current in one state-store update: a
 * segment run reads either the old members or the new ones. A full segment run follows.
 */
export function setListMembers({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { id: string; ids: string[]; mode: 'replace' | 'append' };
}): Promise<{ list: ManualList; matched: number; unmatched: string[] }> {
  requireRight(ctx, 'segments.write');
  const ids = checkIds(input.ids);
  if (input.mode !== 'replace' && input.mode !== 'append')
    throw invalid('invalid_mode', "mode is 'replace' or 'append'");
  return serial(async () => {
    const { state, events } = ctx.tailor;
    const [cur] = await state.query(`SELECT ${LIST_COLUMNS} FROM lists WHERE workspace_id = $1 AND id = $2`, [
      ctx.workspaceId,
      input.id,
    ]);
    if (!cur) throw notFound('list_not_found', `no list ${input.id}`);
    const { profileIds, unmatched } = await resolveIds(ctx, ids);
    const replace = input.mode === 'replace';
    const version = Number(cur.version) + (replace ? 1 : 0);
    await events.writeListMembers(ctx.workspaceId, input.id, version, profileIds);
    const [count] = await events.select(
      sql`SELECT count(DISTINCT profile_id) AS n FROM list_members
          WHERE workspace_id = ${ctx.workspaceId} AND list_id = ${input.id} AND version = ${version}`,
    );
    const row = await state.transaction(async (tx) => {
      const [r] = await tx.query(
        `UPDATE lists SET version = $3, size = $4, unmatched = $5, updated_at = now()
         WHERE workspace_id = $1 AND id = $2 RETURNING ${LIST_COLUMNS}`,
        [
          ctx.workspaceId,
          input.id,
          version,
          Number(count?.n ?? 0),
          replace ? unmatched.length : Number(cur.unmatched) + unmatched.length,
        ],
      );
      await recordAudit(tx, {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        action: replace ? 'list.replace' : 'list.append',
        targetType: 'list',
        targetId: input.id,
        after: { uploaded: ids.length, matched: profileIds.length, unmatched: unmatched.length },
        requestId: ctx.requestId,
      });
      return r!;
    });
    if (replace) await events.dropListVersions(ctx.workspaceId, input.id, version);
    await ctx.tailor.segments.run(ctx.workspaceId, { models: false });
    return { list: listView(row), matched: profileIds.length, unmatched: unmatched.slice(0, 100) };
  });
}
