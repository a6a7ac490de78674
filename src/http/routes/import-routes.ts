import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { listImports } from '../../services/imports/list-imports.js';
import { uploadImport } from '../../services/imports/upload-import.js';
import type { AppEnv } from '../env.js';
import { errorResponses, json, secured } from '../schemas.js';

const RowErrorSchema = z.object({ row: z.number(), code: z.string(), message: z.string() });
const ReportSchema = z
  .object({
    importId: z.string(),
    rows: z.number(),
    ok: z.number(),
    skipped: z.number(),
    failed: z.number(),
    errors: z.array(RowErrorSchema),
    errorsTruncated: z.boolean(),
    durationMs: z.number(),
  })
  .openapi('ImportReport');

const uploadRoute = createRoute({
  method: 'post',
  path: '/imports/{kind}',
  tags: ['Import'],
  summary: 'Import a CSV file of users or events (streamed; re-sending the same file adds nothing)',
  security: secured,
  request: {
    params: z.object({ kind: z.enum(['users', 'events']) }),
    query: z.object({
      map: z.string().max(2000).optional().openapi({
        description: 'column mapping, as `tailor import --map`: userId=customer_no,event=action',
      }),
      fileName: z.string().max(200).optional(),
    }),
    body: { content: { 'text/csv': { schema: z.string().openapi({ format: 'binary' }) } }, required: true },
  },
  responses: {
    200: json(ReportSchema, 'What was imported, skipped and refused, row by row'),
    ...errorResponses,
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/imports',
  tags: ['Import'],
  summary: 'Latest imports of the workspace',
  security: secured,
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }) },
  responses: {
    200: json(z.object({ imports: z.array(z.record(z.string(), z.unknown())) }), 'Imports'),
    ...errorResponses,
  },
});

export function registerImportRoutes(api: OpenAPIHono<AppEnv>) {
  api.openapi(uploadRoute, async (c) => {
    const { kind } = c.req.valid('param');
    const q = c.req.valid('query');
    const report = await uploadImport({
      ctx: c.get('ctx'),
      input: { kind, body: c.req.raw.body, fileName: q.fileName, map: q.map, signal: c.req.raw.signal },
    });
    return c.json(report, 200);
  });
  api.openapi(listRoute, async (c) =>
    c.json({ imports: await listImports({ ctx: c.get('ctx'), input: c.req.valid('query') }) }, 200),
  );
}
