import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import {
  listCategories,
  listEventNames,
  listEventProperties,
  listTraits,
} from '../../services/schema/data-schema.js';
import type { AppEnv } from '../env.js';
import { errorResponses, json, secured } from '../schemas.js';

const route = <R extends Parameters<typeof createRoute>[0]>(r: R) =>
  createRoute({ ...r, tags: ['Schema'], security: secured });
const Field = z.object({ name: z.string(), types: z.array(z.string()), examples: z.array(z.string()) });

const events = route({
  method: 'get',
  path: '/schema/events',
  summary: 'Event names seen in this workspace, most frequent first',
  responses: {
    200: json(
      z.object({ events: z.array(z.object({ name: z.string(), count: z.number(), lastSeen: z.string() })) }),
      'Events',
    ),
    ...errorResponses,
  },
});
const properties = route({
  method: 'get',
  path: '/schema/events/{name}/properties',
  summary: 'Properties seen on recent events of this name, with types and examples',
  request: { params: z.object({ name: z.string().min(1).max(200) }) },
  responses: { 200: json(z.object({ properties: z.array(Field) }), 'Properties'), ...errorResponses },
});
const traits = route({
  method: 'get',
  path: '/schema/traits',
  summary: 'Profile traits seen on recently active profiles, with types and examples',
  responses: { 200: json(z.object({ traits: z.array(Field) }), 'Traits'), ...errorResponses },
});

const categories = route({
  method: 'get',
  path: '/schema/categories',
  summary:
    'Interest categories seen on recent interest events (what the interest condition reads), most frequent first',
  responses: {
    200: json(
      z.object({
        property: z.string(),
        categories: z.array(z.object({ name: z.string(), count: z.number() })),
      }),
      'Categories',
    ),
    ...errorResponses,
  },
});

export function registerSchemaRoutes(api: OpenAPIHono<AppEnv>) {
  api.openapi(events, async (c) => c.json(await listEventNames({ ctx: c.get('ctx') }), 200));
  api.openapi(properties, async (c) =>
    c.json(
      await listEventProperties({ ctx: c.get('ctx'), input: { event: c.req.valid('param').name } }),
      200,
    ),
  );
  api.openapi(traits, async (c) => c.json(await listTraits({ ctx: c.get('ctx') }), 200));
  api.openapi(categories, async (c) => c.json(await listCategories({ ctx: c.get('ctx') }), 200));
}
