import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { forbidden, invalid, unauthorized } from '../core/errors.js';
import type { Role } from '../services/context.js';
import { authenticateKey } from '../services/keys/authenticate-key.js';
import { userForSession } from '../services/users/sessions.js';
import { listWorkspacesForUser } from '../services/workspaces/list-workspaces.js';
import type { AppEnv } from './env.js';

export const SESSION_COOKIE = 'tailor_session';
export const WORKSPACE_HEADER = 'Tailor-Workspace';

const bearer = (c: Context) => {
  const h = c.req.header('Authorization');
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : undefined;
};

/** The console user of the request's session cookie (or `Bearer` session token), if any. */
export async function sessionUser(c: Context<AppEnv>) {
  const token = getCookie(c, SESSION_COOKIE) ?? bearer(c);
  if (!token || token.startsWith('ts_') || token.startsWith('tw_')) return undefined;
  return userForSession({ tailor: c.get('tailor'), token });
}

/**
 * Requires a secret key (`Authorization: Bearer ts_…`, admin rights in its workspace) or a
 * console session. A session picks its workspace with the `Tailor-Workspace` header or the
 * `workspace` query parameter (default: the user's first workspace) and acts with its role there.
 */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const tailor = c.get('tailor');
  const token = bearer(c);
  const requestId = c.get('requestId');
  if (token?.startsWith('ts_')) {
    const key = await authenticateKey(tailor.state, token, 'secret');
    if (!key) throw unauthorized('invalid_api_key', 'unknown or revoked secret key');
    const asked = c.req.header(WORKSPACE_HEADER) ?? c.req.query('workspace');
    if (asked && asked !== key.workspaceId)
      throw forbidden('wrong_workspace', 'this key belongs to another workspace');
    c.set('ctx', {
      tailor,
      actor: { type: 'key', id: key.keyId },
      workspaceId: key.workspaceId,
      role: 'admin',
      requestId,
    });
    return next();
  }
  const user = await sessionUser(c);
  if (!user)
    throw unauthorized('unauthenticated', 'log in, or send a secret key as "Authorization: Bearer ts_…"');
  c.set('user', user);
  const memberships = await listWorkspacesForUser({ tailor, userId: user.id });
  const asked = c.req.header(WORKSPACE_HEADER) ?? c.req.query('workspace');
  const m = asked ? memberships.find((w) => w.id === asked) : memberships[0];
  if (!m) {
    if (asked) throw forbidden('not_a_member', `you are not a member of workspace ${asked}`);
    throw invalid('no_workspace', 'you belong to no workspace yet');
  }
  c.set('ctx', {
    tailor,
    actor: { type: 'user', id: user.id },
    workspaceId: m.id,
    role: m.role as Role,
    requestId,
  });
  return next();
};
