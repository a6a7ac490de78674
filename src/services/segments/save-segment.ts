import { randomBytes } from 'node:crypto';
import { conflict, invalid, notFound } from '../../core/errors.js';
import { checkReferences, parseDefinition } from '../../segments/parse-definition.js';
import { recordAudit } from '../audit/record-audit.js';
import { type Ctx, requireRight } from '../context.js';
import { SEGMENT_COLUMNS, type Segment, segmentView } from './segment-view.js';

export interface SegmentInput {
  name: string;
  description?: string | undefined;
  definition: unknown;
}

function checkName(input: SegmentInput): { name: string; description: string } {
  const name = String(input.name ?? '').trim();
  if (name.length === 0 || name.length > 200)
    throw invalid('invalid_name', 'segment name must be 1–200 characters');
  const description = String(input.description ?? '').trim();
  if (description.length > 2000)
    throw invalid('invalid_description', 'description is at most 2000 characters');
  return { name, description };
}

/**
 * Creates (no `id`) or replaces (with `id`) a segment: the definition is validated, its
 * references must exist and must not lead back to it. Membership is computed by a full run
 * of the workspace's segments right after saving.
 */
export async function saveSegment({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: SegmentInput & { id?: string | undefined };
}): Promise<Segment> {
  requireRight(ctx, 'segments.write');
  const { name, description } = checkName(input);
  const definition = parseDefinition(input.definition);
  const engine = ctx.tailor.segments;
  const w = await engine.load(ctx.workspaceId);
  checkReferences(
    input.id,
    definition,
    (id) => w.segments.find((s) => s.id === id)?.definition,
    (id) => w.listVersions.has(id),
  );
  const id = input.id ?? `seg_${randomBytes(6).toString('hex')}`;
  const row = await ctx.tailor.state.transaction(async (tx) => {
    const rows = input.id
      ? await tx.query(
          `UPDATE segments SET name = $3, description = $4, definition = $5, version = version + 1, updated_at = now()
           WHERE workspace_id = $1 AND id = $2 RETURNING ${SEGMENT_COLUMNS}`,
          [ctx.workspaceId, id, name, description, JSON.stringify(definition)],
        )
      : await tx.query(
          `INSERT INTO segments (workspace_id, id, name, description, definition) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT DO NOTHING RETURNING ${SEGMENT_COLUMNS}`,
          [ctx.workspaceId, id, name, description, JSON.stringify(definition)],
        );
    const r = rows[0];
    if (!r)
      throw input.id
        ? notFound('segment_not_found', `no segment ${id}`)
        : conflict('segment_exists', `segment ${id} exists`);
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: input.id ? 'segment.update' : 'segment.create',
      targetType: 'segment',
      targetId: id,
      after: { name, description, definition },
      requestId: ctx.requestId,
    });
    return r;
  });
  await engine.run(ctx.workspaceId, { models: false });
  return segmentView(row);
}
