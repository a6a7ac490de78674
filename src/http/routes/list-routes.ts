import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { deleteList } from '../../services/lists/delete-list.js';
import { getList, listLists } from '../../services/lists/get-list.js';
import { createList, setListMembers } from '../../services/lists/save-list.js';
import type { AppEnv } from '../env.js';
import { errorResponses, json, secured } from '../schemas.js';

const route = <R extends Parameters<typeof createRoute>[0]>(r: R) =>
  createRoute({ ...r, tags: ['Lists'], security: secured });
const ListSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    size: z.number(),
    unmatched: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('ManualList');
const Upload = z.object({ list: ListSchema, matched: z.number(), unmatched: z.array(z.string()) });
const idParam = z.object({ id: z.string().min(1).max(100) });
const ids = z.array(z.string()).openapi({
  description: 'profile ids, user ids, anonymous ids, emails or phone numbers (at most 100,000)',
});
const body = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});

const all = route({
  method: 'get',
  path: '/lists',
  summary: 'Manual lists',
  responses: { 200: json(z.object({ lists: z.array(ListSchema) }), 'Lists'), ...errorResponses },
});
const create = route({
  method: 'post',
  path: '/lists',
  summary: 'Create a manual list, optionally with ids',
  request: body(z.object({ name: z.string(), description: z.string().optional(), ids: ids.optional() })),
  responses: { 201: json(ListSchema, 'The list'), ...errorResponses },
});
const one = route({
  method: 'get',
  path: '/lists/{id}',
  summary: 'One manual list',
  request: { params: idParam },
  responses: { 200: json(ListSchema, 'The list'), ...errorResponses },
});
const members = route({
  method: 'put',
  path: '/lists/{id}/members',
  summary: "Replace or append to a list's members",
  request: { params: idParam, ...body(z.object({ ids, mode: z.enum(['replace', 'append']) })) },
  responses: {
    200: json(Upload, 'Result: matched profiles and the first 100 unmatched ids'),
    ...errorResponses,
  },
});
const remove = route({
  method: 'delete',
  path: '/lists/{id}',
  summary: 'Delete a list no segment uses',
  request: { params: idParam },
  responses: { 204: { description: 'Deleted' }, ...errorResponses },
});

export function registerListRoutes(api: OpenAPIHono<AppEnv>) {
  api.openapi(all, async (c) => c.json({ lists: await listLists({ ctx: c.get('ctx') }) }, 200));
  api.openapi(create, async (c) => {
    const r = await createList({ ctx: c.get('ctx'), input: c.req.valid('json') });
    return c.json(r.list, 201);
  });
  api.openapi(one, async (c) =>
    c.json(await getList({ ctx: c.get('ctx'), input: c.req.valid('param') }), 200),
  );
  api.openapi(members, async (c) =>
    c.json(
      await setListMembers({
        ctx: c.get('ctx'),
        input: { ...c.req.valid('json'), id: c.req.valid('param').id },
      }),
      200,
    ),
  );
  api.openapi(remove, async (c) => {
    await deleteList({ ctx: c.get('ctx'), input: c.req.valid('param') });
    return c.body(null, 204);
  });
}
