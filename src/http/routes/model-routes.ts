import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { getModels } from '../../services/models/get-models.js';
import { lifecycleReport } from '../../services/models/lifecycle-report.js';
import { modelDistribution } from '../../services/models/model-distribution.js';
import { rfmReport } from '../../services/models/rfm-report.js';
import { updateModels } from '../../services/models/update-models.js';
import type { AppEnv } from '../env.js';
import { errorResponses, json, secured } from '../schemas.js';

const route = <R extends Parameters<typeof createRoute>[0]>(r: R) =>
  createRoute({ ...r, tags: ['Models'], security: secured });
const Models = z
  .object({ settings: z.unknown(), profileSettings: z.unknown() })
  .openapi({ description: 'settings as in docs/models.md' });
const Group = z.object({ id: z.string(), count: z.number(), avgSpend: z.number() });
const Count = z.object({ id: z.string(), count: z.number() });

const get = route({
  method: 'get',
  path: '/models',
  summary: 'The settings of the built-in models (RFM, lifecycle, activity, spending, interests)',
  responses: { 200: json(Models, 'Settings'), ...errorResponses },
});
const put = route({
  method: 'put',
  path: '/models',
  summary: 'Change the model settings; every group is recomputed',
  request: {
    body: {
      content: { 'application/json': { schema: z.object({ settings: z.unknown() }) } },
      required: true,
    },
  },
  responses: { 200: json(Models, 'Settings'), ...errorResponses },
});
const rfm = route({
  method: 'get',
  path: '/models/rfm',
  summary: 'RFM: the R × F heat map, the 11-segment grid and the 8 classes, with counts and average spend',
  responses: {
    200: json(
      z.object({
        computedAt: z.string().nullable(),
        windowDays: z.number(),
        customers: z.number(),
        averages: z.object({ recencyDays: z.number(), frequency: z.number(), monetary: z.number() }),
        cells: z.array(z.object({ r: z.number(), f: z.number(), count: z.number(), avgSpend: z.number() })),
        grid: z.array(Group),
        classes: z.array(Group),
      }),
      'RFM',
    ),
    ...errorResponses,
  },
});
const lifecycle = route({
  method: 'get',
  path: '/models/lifecycle',
  summary: 'Profiles per lifecycle stage, and moves between stages in the last `days`',
  request: { query: z.object({ days: z.coerce.number().int().min(1).max(3650).default(30) }) },
  responses: {
    200: json(
      z.object({
        days: z.number(),
        stages: z.array(Count),
        flows: z.array(z.object({ from: z.string().nullable(), to: z.string(), count: z.number() })),
      }),
      'Lifecycle',
    ),
    ...errorResponses,
  },
});
const distribution = route({
  method: 'get',
  path: '/models/distribution',
  summary: 'Profiles per activity level and spending tier',
  responses: {
    200: json(z.object({ activity: z.array(Count), spending: z.array(Count) }), 'Distribution'),
    ...errorResponses,
  },
});

export function registerModelRoutes(api: OpenAPIHono<AppEnv>) {
  api.openapi(get, async (c) => c.json(await getModels({ ctx: c.get('ctx') }), 200));
  api.openapi(put, async (c) =>
    c.json(await updateModels({ ctx: c.get('ctx'), input: { settings: c.req.valid('json').settings } }), 200),
  );
  api.openapi(rfm, async (c) => c.json(await rfmReport({ ctx: c.get('ctx') }), 200));
  api.openapi(lifecycle, async (c) =>
    c.json(await lifecycleReport({ ctx: c.get('ctx'), input: { days: c.req.valid('query').days } }), 200),
  );
  api.openapi(distribution, async (c) => c.json(await modelDistribution({ ctx: c.get('ctx') }), 200));
}
