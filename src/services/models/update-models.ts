import { invalid } from '../../core/errors.js';
import { ModelSettingsSchema } from '../../segments/models/model-settings.js';
import { recordAudit } from '../audit/record-audit.js';
import { type Ctx, requireRight } from '../context.js';
import { getModels } from './get-models.js';

/** Replaces the workspace's model settings (validated), then recomputes every group. */
export async function updateModels({ ctx, input }: { ctx: Ctx; input: { settings: unknown } }) {
  requireRight(ctx, 'segments.write');
  const parsed = ModelSettingsSchema.safeParse(input.settings);
  if (!parsed.success)
    throw invalid('invalid_settings', 'model settings are not valid', {
      issues: parsed.error.issues.map((i) => ({ path: `/${i.path.join('/')}`, message: i.message })),
    });
  await ctx.tailor.state.transaction(async (tx) => {
    const [before] = await tx.query(
      "SELECT settings->'models' AS models FROM workspaces WHERE id = $1 FOR UPDATE",
      [ctx.workspaceId],
    );
    await tx.query(
      `UPDATE workspaces SET settings = jsonb_set(coalesce(settings, '{}'::jsonb), '{models}', $2::jsonb) WHERE id = $1`,
      [ctx.workspaceId, JSON.stringify(parsed.data)],
    );
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: 'models.update',
      targetType: 'workspace',
      targetId: ctx.workspaceId,
      before: before?.models ?? null,
      after: parsed.data,
      requestId: ctx.requestId,
    });
  });
  await ctx.tailor.segments.run(ctx.workspaceId);
  return getModels({ ctx });
}
