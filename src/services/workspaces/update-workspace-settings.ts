import { invalid } from '../../core/errors.js';
import { canonicalTimeZone } from '../../core/time-zone.js';
import { ProfileSettingsSchema } from '../../profiles/settings.js';
import { recordAudit } from '../audit/record-audit.js';
import { type Ctx, requireRight } from '../context.js';

const KEYS = new Set(Object.keys(ProfileSettingsSchema.shape));
type Issue = { path: string; message: string };
const refuse = (issues: Issue[]) =>
  invalid('invalid_settings', 'workspace settings are not valid', { issues });
/** zod issues as `invalid_settings` with JSON-pointer paths (`/orderEvents/0`). */
export const settingsIssues = (issues: readonly { path: readonly PropertyKey[]; message: string }[]) =>
  refuse(issues.map((i) => ({ path: `/${i.path.map(String).join('/')}`, message: i.message })));

/**
 * Changes some of the workspace's settings (the keys given; the others keep their values),
 * audited, then starts a recompute of every segment in the background, since their meaning
 * can depend on them (a new time zone moves day boundaries, new order events change RFM).
 *
 * Profile rows fold events as they are ingested, so the profile's own computed traits follow
 * the new settings for events ingested from now on; segment conditions read the events
 * themselves and follow them at once (docs/profiles.md).
 */
export async function updateWorkspaceSettings({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireRight(ctx, 'workspace.manage');
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw refuse([{ path: '', message: 'expected an object of settings' }]);
  const patch = input as Record<string, unknown>;
  const unknown = Object.keys(patch).filter((k) => !KEYS.has(k));
  if (unknown.length > 0) throw refuse(unknown.map((k) => ({ path: `/${k}`, message: 'unknown setting' })));
  await ctx.tailor.state.transaction(async (tx) => {
    const [row] = await tx.query<{ profiles: Record<string, unknown> | null }>(
      "SELECT settings->'profiles' AS profiles FROM workspaces WHERE id = $1 FOR UPDATE",
      [ctx.workspaceId],
    );
    const before = row?.profiles ?? {};
    // Validated merged, not alone: parsing the patch alone would fill in defaults for the rest.
    const parsed = ProfileSettingsSchema.safeParse({ ...before, ...patch });
    if (!parsed.success) throw settingsIssues(parsed.error.issues);
    const after = { ...parsed.data, timeZone: canonicalTimeZone(parsed.data.timeZone) };
    await tx.query(
      `UPDATE workspaces SET settings = jsonb_set(coalesce(settings, '{}'::jsonb), '{profiles}', $2::jsonb) WHERE id = $1`,
      [ctx.workspaceId, JSON.stringify(after)],
    );
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: 'workspace.settings.update',
      targetType: 'workspace',
      targetId: ctx.workspaceId,
      before,
      after,
      requestId: ctx.requestId,
    });
  });
  const settings = await ctx.tailor.settings.reload(ctx.workspaceId);
  // Not awaited: at a million profiles a full run takes longer than a request should. Runs are
  // queued one after another, so a run started later sees the new settings as well.
  void ctx.tailor.segments
    .run(ctx.workspaceId)
    .catch((err) =>
      ctx.tailor.log.error({ err, workspaceId: ctx.workspaceId }, 'segment run after settings change failed'),
    );
  return settings;
}
