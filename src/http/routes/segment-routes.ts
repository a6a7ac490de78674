import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { stream } from 'hono/streaming';
import { deleteSegment } from '../../services/segments/delete-segment.js';
import { findSegment, getSegment, listSegments } from '../../services/segments/get-segment.js';
import { previewSegment } from '../../services/segments/preview-segment.js';
import { profileSegmentsNamed } from '../../services/segments/profile-segment-names.js';
import { saveSegment } from '../../services/segments/save-segment.js';
import {
  exportSegmentMembers,
  listSegmentMembers,
  memberSummaries,
  segmentSizes,
} from '../../services/segments/segment-members.js';
import type { AppEnv } from '../env.js';
import { errorResponses, json, ProfileSummarySchema, secured } from '../schemas.js';

const SegmentSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    definition: z.unknown().openapi({ description: 'the definition tree (docs/segments.md)' }),
    version: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
    size: z.number(),
    kind: z.enum(['segment', 'model']),
  })
  .openapi('Segment');
const SegmentInput = z.object({
  name: z.string(),
  description: z.string().optional(),
  definition: z.unknown().openapi({ description: 'the definition tree (docs/segments.md)' }),
});
const idParam = z.object({ id: z.string().min(1).max(100) });
const body = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});
const route = <R extends Parameters<typeof createRoute>[0]>(r: R) =>
  createRoute({ ...r, tags: ['Segments'], security: secured });

const list = route({
  method: 'get',
  path: '/segments',
  summary: "The workspace's segments with their sizes (include=models adds the built-in models' groups)",
  request: { query: z.object({ include: z.enum(['models']).optional() }) },
  responses: { 200: json(z.object({ segments: z.array(SegmentSchema) }), 'Segments'), ...errorResponses },
});
const create = route({
  method: 'post',
  path: '/segments',
  summary: 'Create a segment; its members are computed before the response',
  request: body(SegmentInput),
  responses: { 201: json(SegmentSchema, 'The segment'), ...errorResponses },
});
const get = route({
  method: 'get',
  path: '/segments/{id}',
  summary: 'One segment (or model group, such as lifecycle:new)',
  request: { params: idParam },
  responses: { 200: json(SegmentSchema, 'The segment'), ...errorResponses },
});
const replace = route({
  method: 'put',
  path: '/segments/{id}',
  summary: "Replace a segment's name, description and definition",
  request: { params: idParam, ...body(SegmentInput) },
  responses: { 200: json(SegmentSchema, 'The segment'), ...errorResponses },
});
const remove = route({
  method: 'delete',
  path: '/segments/{id}',
  summary: 'Delete a segment no other segment refers to',
  request: { params: idParam },
  responses: { 204: { description: 'Deleted' }, ...errorResponses },
});
const preview = route({
  method: 'post',
  path: '/segments/preview',
  summary: 'Size and sample members of a definition, without saving it',
  request: body(z.object({ definition: z.unknown(), sample: z.number().int().min(0).max(100).optional() })),
  responses: {
    200: json(z.object({ size: z.number(), profiles: z.number(), sample: z.array(z.string()) }), 'Preview'),
    ...errorResponses,
  },
});
const members = route({
  method: 'get',
  path: '/segments/{id}/members',
  summary: "A page of a segment's members, by profile id",
  request: {
    params: idParam,
    query: z.object({
      limit: z.coerce.number().int().min(1).max(1000).default(50),
      cursor: z.string().max(300).optional(),
    }),
  },
  responses: {
    200: json(
      z.object({ members: z.array(ProfileSummarySchema), nextCursor: z.string().nullable() }),
      'Members',
    ),
    ...errorResponses,
  },
});
const exportCsv = route({
  method: 'get',
  path: '/segments/{id}/export.csv',
  summary: "All of a segment's members as CSV (profile_id, user_id, email, phone, name)",
  request: { params: idParam },
  responses: {
    200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } },
    ...errorResponses,
  },
});
const sizes = route({
  method: 'get',
  path: '/segments/{id}/sizes',
  summary: "A segment's size over time",
  request: {
    params: idParam,
    query: z.object({ days: z.coerce.number().int().min(1).max(3650).default(30) }),
  },
  responses: {
    200: json(z.object({ points: z.array(z.object({ at: z.string(), size: z.number() })) }), 'Sizes'),
    ...errorResponses,
  },
});
const profile = route({
  method: 'get',
  path: '/profiles/{id}/segments',
  summary: "A profile's segments and model groups now, and its entries and exits",
  request: { params: z.object({ id: z.string().min(1).max(300) }) },
  responses: {
    200: json(
      z.object({
        profileId: z.string(),
        segments: z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(['segment', 'model']) })),
        history: z.array(
          z.object({
            segmentId: z.string(),
            name: z.string(),
            at: z.string(),
            change: z.enum(['entered', 'exited']),
          }),
        ),
      }),
      'Membership',
    ),
    ...errorResponses,
  },
});

export function registerSegmentRoutes(api: OpenAPIHono<AppEnv>) {
  api.openapi(list, async (c) =>
    c.json(
      {
        segments: await listSegments({
          ctx: c.get('ctx'),
          input: { includeModels: c.req.valid('query').include === 'models' },
        }),
      },
      200,
    ),
  );
  api.openapi(preview, async (c) =>
    c.json(await previewSegment({ ctx: c.get('ctx'), input: c.req.valid('json') }), 200),
  );
  api.openapi(create, async (c) => {
    const ctx = c.get('ctx');
    const seg = await saveSegment({
      ctx,
      input: c.req.valid('json') as z.infer<typeof SegmentInput> & { name: string },
    });
    return c.json(await getSegment({ ctx, input: { id: seg.id } }), 201);
  });
  api.openapi(get, async (c) =>
    c.json(await getSegment({ ctx: c.get('ctx'), input: c.req.valid('param') }), 200),
  );
  api.openapi(replace, async (c) => {
    const ctx = c.get('ctx');
    const { id } = c.req.valid('param');
    await saveSegment({ ctx, input: { ...(c.req.valid('json') as z.infer<typeof SegmentInput>), id } });
    return c.json(await getSegment({ ctx, input: { id } }), 200);
  });
  api.openapi(remove, async (c) => {
    await deleteSegment({ ctx: c.get('ctx'), input: c.req.valid('param') });
    return c.body(null, 204);
  });
  api.openapi(members, async (c) => {
    const ctx = c.get('ctx');
    const { limit, cursor } = c.req.valid('query');
    const page = await listSegmentMembers({
      ctx,
      input: { id: c.req.valid('param').id, limit, after: cursor },
    });
    return c.json({ members: await memberSummaries(ctx, page.members), nextCursor: page.nextCursor }, 200);
  });
  api.openapi(exportCsv, async (c) => {
    const ctx = c.get('ctx');
    const { id } = c.req.valid('param');
    await findSegment(ctx, id);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="segment-${id.replace(/[^\w.-]/g, '_')}.csv"`);
    return stream(c, async (s) => {
      for await (const chunk of exportSegmentMembers(ctx, id)) await s.write(chunk);
    }) as never;
  });
  api.openapi(sizes, async (c) =>
    c.json(
      await segmentSizes({
        ctx: c.get('ctx'),
        input: { id: c.req.valid('param').id, days: c.req.valid('query').days },
      }),
      200,
    ),
  );
  api.openapi(profile, async (c) =>
    c.json(await profileSegmentsNamed({ ctx: c.get('ctx'), input: c.req.valid('param') }), 200),
  );
}
