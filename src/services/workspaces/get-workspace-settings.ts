import type { ProfileSettings } from '../../profiles/settings.js';
import { type Ctx, requireRight } from '../context.js';

/**
 * The workspace's settings: its time zone and which events and properties feed the computed
 * traits and the models (profiles/settings.ts), defaults filled in.
 */
export async function getWorkspaceSettings({ ctx }: { ctx: Ctx }): Promise<ProfileSettings> {
  requireRight(ctx, 'profiles.read');
  return ctx.tailor.settings.reload(ctx.workspaceId);
}
