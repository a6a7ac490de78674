import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';
import { httpStatusOf, ServiceError } from '../core/errors.js';
import type { AppEnv } from './env.js';

/** The JSON error body every endpoint returns: `{ error: { code, kind, message, details? } }`. */
export function errorBody(e: ServiceError) {
  return {
    error: {
      code: e.code,
      kind: e.kind,
      message: e.message,
      ...(e.details !== undefined ? { details: e.details } : {}),
    },
  };
}

export function zodToServiceError(e: ZodError): ServiceError {
  const issues = e.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const first = issues[0];
  return new ServiceError(
    'invalid',
    'invalid_request',
    first ? `${first.path || 'request'}: ${first.message}` : 'invalid request',
    { issues },
  );
}

/** The one place errors become HTTP responses. Unknown errors are logged and become a generic 500. */
export function handleError(err: unknown, c: Context<AppEnv>) {
  let e: ServiceError;
  if (err instanceof ServiceError) e = err;
  else if (err instanceof ZodError) e = zodToServiceError(err);
  else if (err instanceof SyntaxError || (err instanceof HTTPException && err.status === 400))
    // Hono's body validators throw a 400 HTTPException for a body that is not JSON.
    e = new ServiceError('invalid', 'invalid_json', 'the request body is not valid JSON');
  else {
    c.get('tailor')?.log.error({ err, requestId: c.get('requestId') }, 'unhandled error');
    e = new ServiceError(
      'internal',
      'internal_error',
      `internal error (request ${c.get('requestId') ?? '-'})`,
    );
  }
  if (e.kind === 'rate_limited') {
    const retry = (e.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? 1;
    c.header('Retry-After', String(retry));
  }
  return c.json(errorBody(e), httpStatusOf(e.kind) as ContentfulStatusCode);
}
