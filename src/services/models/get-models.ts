import { type Ctx, requireRight } from '../context.js';

/** The workspace's model settings and the profile settings the models read orders and interests from. */
export async function getModels({ ctx }: { ctx: Ctx }) {
  requireRight(ctx, 'segments.read');
  const w = await ctx.tailor.segments.load(ctx.workspaceId);
  const p = ctx.tailor.settings.profileSettings(ctx.workspaceId);
  return {
    settings: w.settings,
    profileSettings: {
      orderEvents: p.orderEvents,
      revenueProperties: p.revenueProperties,
      interestEvents: p.interestEvents,
      categoryProperty: p.categoryProperty,
    },
  };
}
