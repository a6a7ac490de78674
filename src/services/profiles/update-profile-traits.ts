import { invalid } from '../../core/errors.js';
import { usableId } from '../../core/ids.js';
import { recordAudit } from '../audit/record-audit.js';
import { type Ctx, requireRight } from '../context.js';
import { findProfile } from './find-profile.js';
import { getProfile } from './get-profile.js';
import { traitsOf } from './profile-view.js';

/**
 * An operator's correction of traits (`null` removes one). It goes in as an `identify` event
 * stamped now, so the event store stays the complete history and the correction wins over
 * older values by the usual newest-event rule; the change is audited with before and after.
 */
export async function updateProfileTraits({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { id: string; traits: Record<string, unknown> };
}) {
  requireRight(ctx, 'profiles.write');
  const entries = Object.entries(input.traits);
  if (entries.length === 0) throw invalid('no_traits', 'give at least one trait to change');
  if (entries.length > 100) throw invalid('too_many_traits', 'at most 100 traits per change');
  for (const [k] of entries)
    if (k.length === 0 || k.length > 128)
      throw invalid('invalid_trait_name', 'trait names are 1–128 characters');
  const { row } = await findProfile(ctx, input.id);
  const profileId = String(row.profile_id);
  const ids = await ctx.tailor.state.query<{ id_type: string; id_value: string }>(
    `SELECT id_type, id_value FROM identities WHERE workspace_id = $1 AND profile_id = $2 ORDER BY id_type DESC, first_seen LIMIT 1`,
    [ctx.workspaceId, profileId],
  );
  const id = ids[0];
  if (!id || !usableId(id.id_value))
    throw invalid('profile_has_no_id', 'this profile has no id to attach the change to');
  const before = traitsOf(row).traits;
  const result = await ctx.tailor.ingestor.ingest(ctx.workspaceId, [
    {
      type: 'identify',
      ...(id.id_type === 'user' ? { userId: id.id_value } : { anonymousId: id.id_value }),
      traits: input.traits,
      context: { library: { name: 'tailor-console', version: '1' }, tailor: { actor: ctx.actor } },
    },
  ]);
  if (result.rejected[0]) throw invalid(result.rejected[0].code, result.rejected[0].message);
  await ctx.tailor.applier.idle();
  await recordAudit(ctx.tailor.state, {
    workspaceId: ctx.workspaceId,
    actor: ctx.actor,
    action: 'profile.traits.update',
    targetType: 'profile',
    targetId: profileId,
    before: Object.fromEntries(entries.map(([k]) => [k, before[k] ?? null])),
    after: input.traits,
    requestId: ctx.requestId,
  });
  return getProfile({ ctx, input: { id: profileId } });
}
