import { previewQuery } from '../../segments/compile/one-pass.js';
import { checkReferences, parseDefinition } from '../../segments/parse-definition.js';
import { type Ctx, requireRight } from '../context.js';

/**
 * Size and a sample of members of a definition that need not be saved, evaluated now over
 * all of the workspace's events (one pass, nothing written).
 */
export async function previewSegment({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { definition: unknown; sample?: number | undefined };
}): Promise<{ size: number; profiles: number; sample: string[] }> {
  requireRight(ctx, 'segments.read');
  const definition = parseDefinition(input.definition);
  const engine = ctx.tailor.segments;
  const w = await engine.load(ctx.workspaceId);
  checkReferences(
    undefined,
    definition,
    (id) => w.segments.find((s) => s.id === id)?.definition,
    (id) => w.listVersions.has(id),
  );
  const sample = Math.min(Math.max(input.sample ?? 20, 0), 100);
  const rows = await ctx.tailor.events.select(
    previewQuery(engine.dialect, engine.compileContext(ctx.workspaceId, w), definition, sample),
  );
  const r = rows[0] ?? {};
  return {
    size: Number(r.size ?? 0),
    profiles: Number(r.profiles ?? 0),
    sample: ((r.sample as string[] | null) ?? []).map(String).sort(),
  };
}
