import { MODEL_VALUES } from '../../segments/dsl.js';
import { type Ctx, requireRight } from '../context.js';

/** Profiles per activity level and per spending tier, from the current memberships. */
export async function modelDistribution({ ctx }: { ctx: Ctx }) {
  requireRight(ctx, 'segments.read');
  const sizes = await ctx.tailor.segments.sizes(ctx.workspaceId);
  const of = (model: 'activity' | 'spending') =>
    MODEL_VALUES[model].map((id) => ({ id, count: sizes.get(`${model}:${id}`) ?? 0 }));
  return { activity: of('activity'), spending: of('spending') };
}
