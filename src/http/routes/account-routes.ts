import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { unauthorized } from '../../core/errors.js';
import { login, logout } from '../../services/users/sessions.js';
import { createWorkspace } from '../../services/workspaces/create-workspace.js';
import { listWorkspacesForUser } from '../../services/workspaces/list-workspaces.js';
import { SESSION_COOKIE, sessionUser } from '../authenticate.js';
import type { AppEnv } from '../env.js';
import { errorResponses, json, secured, UserSchema, WorkspaceSchema } from '../schemas.js';

const Me = z.object({ user: UserSchema, workspaces: z.array(WorkspaceSchema) }).openapi('Me');

const loginRoute = createRoute({
  method: 'post',
  path: '/auth/login',
  tags: ['Console session'],
  summary: 'Log in; sets the session cookie',
  request: {
    body: {
      content: {
        'application/json': {
          schema: z.object({ email: z.string().max(254), password: z.string().max(200) }),
        },
      },
      required: true,
    },
  },
  responses: { 200: json(Me, 'Logged in'), ...errorResponses },
});
const logoutRoute = createRoute({
  method: 'post',
  path: '/auth/logout',
  tags: ['Console session'],
  summary: 'Log out',
  responses: { 204: { description: 'Logged out' } },
});
const meRoute = createRoute({
  method: 'get',
  path: '/auth/me',
  tags: ['Console session'],
  summary: 'The logged-in user and their workspaces',
  responses: { 200: json(Me, 'Current user'), ...errorResponses },
});
const listWsRoute = createRoute({
  method: 'get',
  path: '/workspaces',
  tags: ['Workspaces'],
  summary: "The user's workspaces",
  responses: {
    200: json(z.object({ workspaces: z.array(WorkspaceSchema) }), 'Workspaces'),
    ...errorResponses,
  },
});
const createWsRoute = createRoute({
  method: 'post',
  path: '/workspaces',
  tags: ['Workspaces'],
  summary: 'Create a workspace (the creator becomes its admin)',
  security: secured,
  request: {
    body: {
      content: {
        'application/json': {
          schema: z.object({ name: z.string().min(1).max(100), id: z.string().max(63).optional() }),
        },
      },
      required: true,
    },
  },
  responses: { 201: json(z.object({ workspace: WorkspaceSchema }), 'Created'), ...errorResponses },
});

/** Routes that work from a session alone (no workspace chosen yet). */
export function registerAccountRoutes(api: OpenAPIHono<AppEnv>) {
  api.openapi(loginRoute, async (c) => {
    const tailor = c.get('tailor');
    const { user, token, expiresAt } = await login({ tailor, input: c.req.valid('json') });
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
      expires: expiresAt,
      secure: new URL(c.req.url).protocol === 'https:',
    });
    return c.json({ user, workspaces: await listWorkspacesForUser({ tailor, userId: user.id }) }, 200);
  });
  api.openapi(logoutRoute, async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await logout({ tailor: c.get('tailor'), token });
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  });
  api.openapi(meRoute, async (c) => {
    const user = await sessionUser(c);
    if (!user) throw unauthorized('unauthenticated', 'not logged in');
    return c.json(
      { user, workspaces: await listWorkspacesForUser({ tailor: c.get('tailor'), userId: user.id }) },
      200,
    );
  });
  api.openapi(listWsRoute, async (c) => {
    const user = await sessionUser(c);
    if (!user) throw unauthorized('unauthenticated', 'not logged in');
    return c.json(
      { workspaces: await listWorkspacesForUser({ tailor: c.get('tailor'), userId: user.id }) },
      200,
    );
  });
  api.openapi(createWsRoute, async (c) => {
    const user = await sessionUser(c);
    if (!user) throw unauthorized('unauthenticated', 'log in to create workspaces');
    const ws = await createWorkspace({
      tailor: c.get('tailor'),
      actor: { type: 'user', id: user.id },
      input: c.req.valid('json'),
    });
    return c.json({ workspace: { ...ws, role: 'admin' } }, 201);
  });
}
