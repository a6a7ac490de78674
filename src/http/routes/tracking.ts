import type { Context } from 'hono';
import { Hono } from 'hono';
import { invalid, ServiceError, unauthorized } from '../../core/errors.js';
import type { MessageType } from '../../ingest/event-record.js';
import { INGEST_LIMITS } from '../../ingest/limits.js';
import { authenticateKey } from '../../services/keys/authenticate-key.js';
import type { AppEnv } from '../env.js';
import { readBody } from '../read-body.js';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Write key from HTTP Basic (key as user name, empty password) or `writeKey` in the body. */
function writeKeyOf(c: Context, body: Record<string, unknown>): string | undefined {
  const h = c.req.header('Authorization');
  if (h?.startsWith('Basic ')) {
    const decoded = Buffer.from(h.slice(6).trim(), 'base64').toString('utf8');
    const user = decoded.includes(':') ? decoded.slice(0, decoded.indexOf(':')) : decoded;
    if (user) return user;
  }
  return typeof body.writeKey === 'string' ? body.writeKey : undefined;
}

async function parse(c: Context<AppEnv>): Promise<Record<string, unknown>> {
  const buf = await readBody(c.req.raw, INGEST_LIMITS.maxRequestBytes);
  let body: unknown;
  try {
    body = JSON.parse(buf.toString('utf8'));
  } catch {
    throw invalid('invalid_json', 'the request body is not valid JSON');
  }
  if (!isObject(body)) throw invalid('invalid_body', 'the request body must be a JSON object');
  return body;
}

async function workspaceOf(c: Context<AppEnv>, body: Record<string, unknown>): Promise<string> {
  const key = writeKeyOf(c, body);
  if (!key)
    throw unauthorized(
      'missing_write_key',
      'send the write key as HTTP Basic user name or as writeKey in the body',
    );
  const found = await authenticateKey(c.get('tailor').state, key, 'write');
  if (!found) throw unauthorized('invalid_write_key', 'unknown or revoked write key');
  return found.workspaceId;
}

/**
 * Segment's HTTP tracking API at the server root: /v1/identify, /v1/track, /v1/page,
 * /v1/screen, /v1/group, /v1/alias and /v1/batch (also under /v1/import, Segment's alias of
 * batch). Responses: 200 `{success: true, accepted, duplicates, rejected: [{index, code,
 * message}]}` — a batch keeps its good events and lists the bad ones; 400 when nothing in the
 * request was usable; 413 over the size limits; 429 with Retry-After under overload.
 */
/**
 * Requests being read or written at once. Each holds up to 500 KB, so this bounds ingest's
 * memory before the applier backlog limit (which bounds it after) comes into play.
 */
const MAX_IN_FLIGHT = 256;

export function trackingRoutes() {
  const app = new Hono<AppEnv>();
  let inFlight = 0;
  app.use('/v1/*', async (c, next) => {
    if (c.req.method !== 'POST') return next();
    if (inFlight >= MAX_IN_FLIGHT) {
      throw new ServiceError(
        'rate_limited',
        'too_many_requests',
        'too many requests in progress; retry shortly',
        { retryAfterSeconds: 1 },
      );
    }
    inFlight++;
    try {
      await next();
    } finally {
      inFlight--;
    }
  });

  const single = (type: MessageType) => async (c: Context<AppEnv>) => {
    const tailor = c.get('tailor');
    tailor.ingestor.checkCapacity();
    const body = await parse(c);
    const ws = await workspaceOf(c, body);
    const result = await tailor.ingestor.ingest(ws, [body], { typeFromPath: type });
    const bad = result.rejected[0];
    if (bad) {
      const kind = bad.code === 'event_too_large' ? 'too_large' : 'invalid';
      throw new ServiceError(kind, bad.code, bad.message);
    }
    return c.json({ success: true, accepted: result.accepted, duplicates: result.duplicates, rejected: [] });
  };
  for (const type of ['identify', 'track', 'page', 'screen', 'group', 'alias'] as const)
    app.post(`/v1/${type}`, single(type));
  // Some SDKs send `/v1/p` (page) and `/v1/t` (track) shorthands; analytics.js does.
  app.post('/v1/p', single('page'));
  app.post('/v1/t', single('track'));
  app.post('/v1/i', single('identify'));

  const batch = async (c: Context<AppEnv>) => {
    const tailor = c.get('tailor');
    tailor.ingestor.checkCapacity();
    const body = await parse(c);
    const ws = await workspaceOf(c, body);
    const items = body.batch;
    if (!Array.isArray(items)) throw invalid('invalid_batch', 'batch must be an array of events');
    if (items.length > INGEST_LIMITS.maxBatchEvents) {
      throw invalid('batch_too_large', `a batch holds at most ${INGEST_LIMITS.maxBatchEvents} events`);
    }
    const result = await tailor.ingestor.ingest(ws, items, {
      defaults: {
        context: isObject(body.context) ? body.context : undefined,
        integrations: isObject(body.integrations) ? body.integrations : undefined,
        sentAt: body.sentAt,
      },
    });
    if (items.length > 0 && result.accepted === 0 && result.duplicates === 0) {
      return c.json(
        {
          success: false,
          error: { code: 'all_events_rejected', kind: 'invalid', message: 'no event in the batch was valid' },
          ...result,
        },
        400,
      );
    }
    return c.json({ success: true, ...result });
  };
  app.post('/v1/batch', batch);
  app.post('/v1/import', batch);
  return app;
}
