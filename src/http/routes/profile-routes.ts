import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { getProfile } from '../../services/profiles/get-profile.js';
import { listProfileEvents } from '../../services/profiles/list-profile-events.js';
import { listProfiles, PROFILE_SORTS } from '../../services/profiles/list-profiles.js';
import { updateProfileTraits } from '../../services/profiles/update-profile-traits.js';
import type { AppEnv } from '../env.js';
import {
  EventSchema,
  errorResponses,
  json,
  ProfileDetailSchema,
  ProfileSummarySchema,
  secured,
} from '../schemas.js';

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
const limit = (max: number, dflt: number) => z.coerce.number().int().min(1).max(max).default(dflt);

const listRoute = createRoute({
  method: 'get',
  path: '/profiles',
  tags: ['Profiles'],
  summary: 'Search, filter and sort profiles',
  security: secured,
  request: {
    query: z.object({
      q: z
        .string()
        .max(200)
        .optional()
        .openapi({ description: 'profile id, any known id, email, phone, or text in a trait value' }),
      sort: z.enum(PROFILE_SORTS).optional(),
      order: z.enum(['asc', 'desc']).optional(),
      limit: limit(200, 50),
      cursor: z.string().max(500).optional(),
      hasOrders: bool.optional(),
      minTotalSpend: z.coerce.number().optional(),
      maxTotalSpend: z.coerce.number().optional(),
      seenWithinDays: z.coerce.number().int().min(0).max(36500).optional(),
      trait: z
        .union([z.string(), z.array(z.string())])
        .optional()
        .openapi({ description: 'exact trait match as name:value; repeatable' }),
    }),
  },
  responses: {
    200: json(
      z.object({ profiles: z.array(ProfileSummarySchema), nextCursor: z.string().nullable() }),
      'A page of profiles',
    ),
    ...errorResponses,
  },
});

const idParam = z.object({
  id: z
    .string()
    .min(1)
    .max(300)
    .openapi({ description: 'profile id, user id, anonymous id, email or phone' }),
});

const getRoute = createRoute({
  method: 'get',
  path: '/profiles/{id}',
  tags: ['Profiles'],
  summary: 'One profile: traits, computed traits, identities and recent events',
  security: secured,
  request: { params: idParam },
  responses: { 200: json(ProfileDetailSchema, 'The profile'), ...errorResponses },
});

const eventsRoute = createRoute({
  method: 'get',
  path: '/profiles/{id}/events',
  tags: ['Profiles'],
  summary: "A profile's events, newest first",
  security: secured,
  request: {
    params: idParam,
    query: z.object({ limit: limit(500, 50), cursor: z.string().max(500).optional() }),
  },
  responses: {
    200: json(
      z.object({ events: z.array(EventSchema), nextCursor: z.string().nullable() }),
      'A page of events',
    ),
    ...errorResponses,
  },
});

const patchRoute = createRoute({
  method: 'patch',
  path: '/profiles/{id}',
  tags: ['Profiles'],
  summary: 'Correct traits (null removes one); audited',
  security: secured,
  request: {
    params: idParam,
    body: {
      content: { 'application/json': { schema: z.object({ traits: z.record(z.string(), z.unknown()) }) } },
      required: true,
    },
  },
  responses: { 200: json(ProfileDetailSchema, 'The updated profile'), ...errorResponses },
});

export function registerProfileRoutes(api: OpenAPIHono<AppEnv>) {
  api.openapi(listRoute, async (c) => {
    const { trait, ...q } = c.req.valid('query');
    const traits: Record<string, string> = {};
    for (const t of trait === undefined ? [] : Array.isArray(trait) ? trait : [trait]) {
      const i = t.indexOf(':');
      if (i > 0) traits[t.slice(0, i)] = t.slice(i + 1);
    }
    return c.json(await listProfiles({ ctx: c.get('ctx'), input: { ...q, traits } }), 200);
  });
  api.openapi(getRoute, async (c) =>
    c.json(await getProfile({ ctx: c.get('ctx'), input: { id: c.req.valid('param').id } }), 200),
  );
  api.openapi(eventsRoute, async (c) =>
    c.json(
      await listProfileEvents({
        ctx: c.get('ctx'),
        input: { id: c.req.valid('param').id, ...c.req.valid('query') },
      }),
      200,
    ),
  );
  api.openapi(patchRoute, async (c) =>
    c.json(
      await updateProfileTraits({
        ctx: c.get('ctx'),
        input: { id: c.req.valid('param').id, traits: c.req.valid('json').traits },
      }),
      200,
    ),
  );
}
