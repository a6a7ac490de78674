import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { OpenAPIHono } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { ServiceError } from '../core/errors.js';
import type { Tailor } from '../runtime/tailor.js';
import { authenticate } from './authenticate.js';
import { DOCS_HTML } from './docs-page.js';
import type { AppEnv } from './env.js';
import { handleError, zodToServiceError } from './errors.js';
import { registerAccountRoutes } from './routes/account-routes.js';
import { registerAdminRoutes } from './routes/admin-routes.js';
import { registerDeadLetterRoutes } from './routes/dead-letter-routes.js';
import { registerImportRoutes } from './routes/import-routes.js';
import { registerListRoutes } from './routes/list-routes.js';
import { registerModelRoutes } from './routes/model-routes.js';
import { registerProfileRoutes } from './routes/profile-routes.js';
import { registerSchemaRoutes } from './routes/schema-routes.js';
import { registerSegmentRoutes } from './routes/segment-routes.js';
import { registerSettingsRoutes } from './routes/settings-routes.js';
import { trackingRoutes } from './routes/tracking.js';

export interface AppOptions {
  /** Directory of the built console (index.html + assets); the console is not served if absent. */
  consoleDir?: string | undefined;
}

export const API_MAX_BODY_BYTES = 32 * 1024 * 1024;

/** Paths under /api/v1 that need a workspace context (everything but session and docs routes). */
const WORKSPACE_SCOPED = [
  '/profiles',
  '/profiles/*',
  '/keys',
  '/keys/*',
  '/users',
  '/audit',
  '/ingest/*',
  '/imports',
  '/imports/*',
  '/segments',
  '/segments/*',
  '/settings',
  '/lists',
  '/lists/*',
  '/models',
  '/models/*',
  '/schema/*',
];

export function createApp(tailor: Tailor, opts: AppOptions = {}) {
  const app = new Hono<AppEnv>();
  app.onError(handleError);
  app.use('*', async (c, next) => {
    c.set('tailor', tailor);
    c.set('requestId', c.req.header('X-Request-Id')?.slice(0, 100) || randomUUID());
    await next();
    c.header('X-Request-Id', c.get('requestId'));
    tailor.metrics.requests.inc({ route: c.req.routePath, status: String(c.res.status) });
  });

  // Browser SDKs post events cross-origin.
  app.use(
    '/v1/*',
    cors({
      origin: '*',
      allowMethods: ['POST', 'OPTIONS'],
      allowHeaders: ['Content-Type', 'Authorization', 'Content-Encoding'],
      maxAge: 86400,
    }),
  );
  app.route('/', trackingRoutes());

  app.get('/healthz', async (c) => {
    await tailor.state.query('SELECT 1');
    return c.json({
      status: 'ok',
      backlog: tailor.applier.backlog,
      stateStore: tailor.state.kind,
      eventStore: tailor.events.kind,
    });
  });
  app.get('/metrics', async (c) =>
    c.text(await tailor.metrics.registry.metrics(), 200, {
      'Content-Type': tailor.metrics.registry.contentType,
    }),
  );

  const api = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw zodToServiceError(result.error);
    },
  });
  for (const p of WORKSPACE_SCOPED) api.use(p, authenticate);
  registerAccountRoutes(api);
  registerProfileRoutes(api);
  registerAdminRoutes(api);
  registerDeadLetterRoutes(api);
  registerImportRoutes(api);
  registerSegmentRoutes(api);
  registerListRoutes(api);
  registerModelRoutes(api);
  registerSchemaRoutes(api);
  registerSettingsRoutes(api);
  api.openAPIRegistry.registerComponent('securitySchemes', 'secretKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'A secret key (ts_…)',
  });
  api.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'tailor_session',
  });
  api.doc('/openapi.json', {
    openapi: '3.0.3',
    info: {
      title: 'Tailor API',
      version: '1',
      description:
        'Admin API of Tailor. Authenticate with a secret key (Authorization: Bearer ts_…) or a console session; pick a workspace with the Tailor-Workspace header. The Segment-compatible tracking API lives at /v1/* (identify, track, page, screen, group, alias, batch) with the write key as HTTP Basic user name.',
    },
    servers: [{ url: '/api/v1' }],
  });
  api.get('/docs', (c) => c.html(DOCS_HTML));
  // JSON bodies of the admin API (a list upload of 100k ids is the largest); CSV imports stream.
  const limitBody = bodyLimit({
    maxSize: API_MAX_BODY_BYTES,
    onError: () => {
      throw new ServiceError(
        'too_large',
        'request_too_large',
        `admin API request bodies are limited to ${API_MAX_BODY_BYTES} bytes`,
      );
    },
  });
  app.use('/api/v1/*', (c, next) =>
    c.req.path.startsWith('/api/v1/imports/') ? next() : limitBody(c, next),
  );
  app.route('/api/v1', api);
  app.all('/api/*', (c) =>
    c.json(
      {
        error: {
          code: 'route_not_found',
          kind: 'not_found',
          message: `no API route ${c.req.method} ${c.req.path}`,
        },
      },
      404,
    ),
  );

  const dir = opts.consoleDir;
  if (dir && existsSync(path.join(dir, 'index.html'))) {
    const index = readFileSync(path.join(dir, 'index.html'), 'utf8');
    const root = path.relative(process.cwd(), dir) || '.';
    app.use('/assets/*', serveStatic({ root }));
    app.get('/favicon.svg', serveStatic({ root }));
    app.get('*', (c) => c.html(index));
  } else {
    app.get('/', (c) =>
      c.text(
        'Tailor is running. The console is not built (npm run console:build); the API is at /api/v1/docs.',
      ),
    );
  }
  return app;
}
