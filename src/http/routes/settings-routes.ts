import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { getWorkspaceSettings } from '../../services/workspaces/get-workspace-settings.js';
import {
  settingsIssues,
  updateWorkspaceSettings,
} from '../../services/workspaces/update-workspace-settings.js';
import type { AppEnv } from '../env.js';
import { errorResponses, json, secured } from '../schemas.js';

const route = <R extends Parameters<typeof createRoute>[0]>(r: R) =>
  createRoute({ ...r, tags: ['Workspace'], security: secured });

const Names = z.array(z.string());
const Settings = z
  .object({
    timeZone: z
      .string()
      .openapi({ description: 'IANA time zone: where the workspace’s days begin', example: 'Asia/Shanghai' }),
    phoneRegion: z
      .string()
      .openapi({ description: 'region for phone numbers without a country code', example: 'CN' }),
    orderEvents: Names,
    revenueProperties: Names,
    refundEvents: Names,
    refundAmountProperties: Names,
    interestEvents: Names,
    categoryProperty: z.string(),
  })
  .openapi('WorkspaceSettings');

const get = route({
  method: 'get',
  path: '/settings',
  summary: "The workspace's settings: time zone, and the events and properties computed traits read",
  responses: { 200: json(Settings, 'Settings'), ...errorResponses },
});
const patch = route({
  method: 'patch',
  path: '/settings',
  summary: 'Change some settings (the keys given); every segment is recomputed',
  request: {
    body: {
      content: { 'application/json': { schema: Settings.partial().openapi('WorkspaceSettingsPatch') } },
      required: true,
    },
  },
  responses: { 200: json(Settings, 'Settings'), ...errorResponses },
});

export function registerSettingsRoutes(api: OpenAPIHono<AppEnv>) {
  api.openapi(get, async (c) => c.json(await getWorkspaceSettings({ ctx: c.get('ctx') }), 200));
  // The service validates the whole body (unknown keys too, which the route's schema would
  // drop); the route's own check only reports wrong types in the same shape.
  api.openapi(
    patch,
    async (c) => c.json(await updateWorkspaceSettings({ ctx: c.get('ctx'), input: await c.req.json() }), 200),
    (result) => {
      if (!result.success) throw settingsIssues(result.error.issues);
    },
  );
}
