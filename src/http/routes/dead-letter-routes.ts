import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { discardDeadLetter, listDeadLetters, retryDeadLetter } from '../../services/ingest/dead-letters.js';
import type { AppEnv } from '../env.js';
import { errorResponses, json, secured } from '../schemas.js';

const DeadLetterSchema = z
  .object({
    id: z.number(),
    messageId: z.string(),
    type: z.string(),
    event: z.string(),
    store: z.enum(['state', 'events']),
    error: z.string(),
    setAsideAt: z.string(),
    record: z.object({
      userId: z.string(),
      anonymousId: z.string(),
      groupId: z.string(),
      previousId: z.string(),
      timestamp: z.number().describe('epoch ms, as accepted'),
      originalTimestamp: z.number(),
      sentAt: z.number(),
      receivedAt: z.number(),
      properties: z.unknown(),
      traits: z.unknown(),
      context: z.unknown(),
    }),
  })
  .openapi('DeadLetter');

const idParam = z.object({ id: z.coerce.number().int().positive() });

const list = createRoute({
  method: 'get',
  path: '/ingest/dead-letters',
  tags: ['Ingest'],
  summary: 'Events a store refused on their own, set aside so the others could be applied',
  security: secured,
  request: {
    query: z.object({
      limit: z.coerce.number().int().min(1).max(200).default(50),
      beforeId: z.coerce.number().int().optional(),
    }),
  },
  responses: {
    200: json(
      z.object({
        deadLetters: z.array(DeadLetterSchema),
        total: z.number(),
        nextBeforeId: z.number().nullable(),
      }),
      'Set-aside events, newest first',
    ),
    ...errorResponses,
  },
});
const retry = createRoute({
  method: 'post',
  path: '/ingest/dead-letters/{id}/retry',
  tags: ['Ingest'],
  summary: 'Apply a set-aside event again (after its cause was fixed); set aside anew if still refused',
  security: secured,
  request: { params: idParam },
  responses: { 202: json(z.object({ requeued: z.number() }), 'Queued'), ...errorResponses },
});
const discard = createRoute({
  method: 'delete',
  path: '/ingest/dead-letters/{id}',
  tags: ['Ingest'],
  summary: 'Drop a set-aside event for good',
  security: secured,
  request: { params: idParam },
  responses: { 204: { description: 'Dropped' }, ...errorResponses },
});

export function registerDeadLetterRoutes(api: OpenAPIHono<AppEnv>) {
  api.openapi(list, async (c) =>
    c.json(await listDeadLetters({ ctx: c.get('ctx'), input: c.req.valid('query') }), 200),
  );
  api.openapi(retry, async (c) =>
    c.json(await retryDeadLetter({ ctx: c.get('ctx'), input: c.req.valid('param') }), 202),
  );
  api.openapi(discard, async (c) => {
    await discardDeadLetter({ ctx: c.get('ctx'), input: c.req.valid('param') });
    return c.body(null, 204);
  });
}
