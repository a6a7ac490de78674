import { groupName } from '../../segments/models/group-names.js';
import type { Ctx } from '../context.js';
import { profileSegments } from './segment-members.js';

/** A profile's segments and history with display names, for the profile page. */
export async function profileSegmentsNamed({ ctx, input }: { ctx: Ctx; input: { id: string } }) {
  const p = await profileSegments({ ctx, input });
  const rows = await ctx.tailor.state.query<{ id: string; name: string }>(
    'SELECT id, name FROM segments WHERE workspace_id = $1',
    [ctx.workspaceId],
  );
  const names = new Map(rows.map((r) => [r.id, r.name]));
  const named = (id: string) => {
    const model = groupName(id);
    return {
      name: model?.[0] ?? names.get(id) ?? id,
      kind: model ? ('model' as const) : ('segment' as const),
    };
  };
  return {
    profileId: p.profileId,
    segments: p.segments.map((id) => ({ id, ...named(id) })),
    history: p.history.map((h) => ({ ...h, name: named(h.segmentId).name })),
  };
}
