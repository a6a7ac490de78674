import { notFound } from '../../core/errors.js';
import { type Ctx, requireRight } from '../context.js';
import { LIST_COLUMNS, listView, type ManualList } from './list-view.js';

export async function listLists({ ctx }: { ctx: Ctx }): Promise<ManualList[]> {
  requireRight(ctx, 'segments.read');
  const rows = await ctx.tailor.state.query(
    `SELECT ${LIST_COLUMNS} FROM lists WHERE workspace_id = $1 ORDER BY name, id`,
    [ctx.workspaceId],
  );
  return rows.map(listView);
}

export async function getList({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<ManualList> {
  requireRight(ctx, 'segments.read');
  const [row] = await ctx.tailor.state.query(
    `SELECT ${LIST_COLUMNS} FROM lists WHERE workspace_id = $1 AND id = $2`,
    [ctx.workspaceId, input.id],
  );
  if (!row) throw notFound('list_not_found', `no list ${input.id}`);
  return listView(row);
}
