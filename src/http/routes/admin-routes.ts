import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { listAudit } from '../../services/audit/list-audit.js';
import { ROLES, requireRight } from '../../services/context.js';
import { ingestStats, latestEvents } from '../../services/ingest/ingest-overview.js';
import { createApiKey } from '../../services/keys/create-api-key.js';
import { listApiKeys } from '../../services/keys/list-api-keys.js';
import { revokeApiKey } from '../../services/keys/revoke-api-key.js';
import { addConsoleUser } from '../../services/users/create-user.js';
import type { AppEnv } from '../env.js';
import { ApiKeySchema, EventSchema, errorResponses, json, secured, UserSchema } from '../schemas.js';

const keysList = createRoute({
  method: 'get',
  path: '/keys',
  tags: ['API keys'],
  summary: "The workspace's write and secret keys",
  security: secured,
  responses: { 200: json(z.object({ keys: z.array(ApiKeySchema) }), 'Keys'), ...errorResponses },
});
const keysCreate = createRoute({
  method: 'post',
  path: '/keys',
  tags: ['API keys'],
  summary: 'Create a key; the secret is returned only here',
  security: secured,
  request: {
    body: {
      content: {
        'application/json': {
          schema: z.object({ type: z.enum(['write', 'secret']), name: z.string().max(100).optional() }),
        },
      },
      required: true,
    },
  },
  responses: { 201: json(z.object({ key: ApiKeySchema, secret: z.string() }), 'Created'), ...errorResponses },
});
const keysRevoke = createRoute({
  method: 'delete',
  path: '/keys/{id}',
  tags: ['API keys'],
  summary: 'Revoke a key',
  security: secured,
  request: { params: z.object({ id: z.string().max(100) }) },
  responses: { 204: { description: 'Revoked' }, ...errorResponses },
});
const usersCreate = createRoute({
  method: 'post',
  path: '/users',
  tags: ['Console users'],
  summary: 'Add a console user to the workspace',
  security: secured,
  request: {
    body: {
      content: {
        'application/json': {
          schema: z.object({
            email: z.string().max(254),
            name: z.string().max(100).optional(),
            password: z.string().min(8).max(200),
            role: z.enum(ROLES),
            locale: z.enum(['en', 'zh']).optional(),
          }),
        },
      },
      required: true,
    },
  },
  responses: { 201: json(z.object({ user: UserSchema }), 'Added'), ...errorResponses },
});
const auditList = createRoute({
  method: 'get',
  path: '/audit',
  tags: ['Audit'],
  summary: 'Audit log of changes made through the API, newest first',
  security: secured,
  request: {
    query: z.object({
      limit: z.coerce.number().int().min(1).max(500).default(100),
      beforeId: z.coerce.number().int().optional(),
    }),
  },
  responses: {
    200: json(z.object({ entries: z.array(z.record(z.string(), z.unknown())) }), 'Entries'),
    ...errorResponses,
  },
});
const ingestEvents = createRoute({
  method: 'get',
  path: '/ingest/events',
  tags: ['Ingest'],
  summary: 'Latest received events (poll with after=<receivedAt ms>)',
  security: secured,
  request: {
    query: z.object({
      limit: z.coerce.number().int().min(1).max(500).default(50),
      after: z.coerce.number().int().optional(),
    }),
  },
  responses: { 200: json(z.object({ events: z.array(EventSchema) }), 'Events'), ...errorResponses },
});
const ingestStatsRoute = createRoute({
  method: 'get',
  path: '/ingest/stats',
  tags: ['Ingest'],
  summary: 'Event totals, backlog and rejected events by day and code',
  security: secured,
  responses: {
    200: json(
      z.object({
        totalEvents: z.number(),
        backlog: z.number(),
        errors: z.array(
          z.object({ day: z.string(), code: z.string(), count: z.number(), lastMessage: z.string() }),
        ),
      }),
      'Stats',
    ),
    ...errorResponses,
  },
});

export function registerAdminRoutes(api: OpenAPIHono<AppEnv>) {
  api.openapi(keysList, async (c) => c.json({ keys: await listApiKeys({ ctx: c.get('ctx') }) }, 200));
  api.openapi(keysCreate, async (c) =>
    c.json(await createApiKey({ ctx: c.get('ctx'), input: c.req.valid('json') }), 201),
  );
  api.openapi(keysRevoke, async (c) => {
    await revokeApiKey({ ctx: c.get('ctx'), input: c.req.valid('param') });
    return c.body(null, 204);
  });
  api.openapi(usersCreate, async (c) => {
    const ctx = c.get('ctx');
    requireRight(ctx, 'users.manage');
    const user = await addConsoleUser({
      tailor: ctx.tailor,
      actor: ctx.actor,
      input: { ...c.req.valid('json'), workspaceId: ctx.workspaceId },
    });
    return c.json({ user }, 201);
  });
  api.openapi(auditList, async (c) =>
    c.json({ entries: await listAudit({ ctx: c.get('ctx'), input: c.req.valid('query') }) }, 200),
  );
  api.openapi(ingestEvents, async (c) =>
    c.json(await latestEvents({ ctx: c.get('ctx'), input: c.req.valid('query') }), 200),
  );
  api.openapi(ingestStatsRoute, async (c) => c.json(await ingestStats({ ctx: c.get('ctx') }), 200));
}
