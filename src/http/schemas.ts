import { z } from '@hono/zod-openapi';

/** Response and shared schemas of the admin API; the OpenAPI document is generated from them. */
export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      kind: z.string(),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .openapi('Error');

export const ComputedSchema = z
  .object({
    firstSeen: z.string().nullable(),
    lastSeen: z.string().nullable(),
    eventCount: z.number(),
    activeDays30: z.number(),
    orderCount: z.number(),
    totalSpend: z.number(),
    averageOrderValue: z.number().nullable(),
    firstOrderAt: z.string().nullable(),
    lastOrderAt: z.string().nullable(),
    daysSinceLastOrder: z.number().nullable(),
    refundCount: z.number(),
    refundTotal: z.number(),
    topCategories: z.array(z.object({ category: z.string(), count: z.number() })),
  })
  .openapi('ComputedTraits');

export const ProfileSummarySchema = z
  .object({
    profileId: z.string(),
    userId: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    name: z.string().nullable(),
    computed: ComputedSchema,
  })
  .openapi('ProfileSummary');

export const EventSchema = z
  .object({
    messageId: z.string(),
    type: z.string(),
    event: z.string(),
    userId: z.string().nullable(),
    anonymousId: z.string().nullable(),
    profileId: z.string(),
    timestamp: z.string(),
    originalTimestamp: z.string().nullable(),
    sentAt: z.string().nullable(),
    receivedAt: z.string(),
    properties: z.unknown(),
    traits: z.unknown(),
    context: z.unknown(),
  })
  .openapi('Event');

export const ProfileSchema = z
  .object({
    profileId: z.string(),
    userId: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    traits: z.record(z.string(), z.unknown()),
    traitUpdatedAt: z.record(z.string(), z.string()),
    computed: ComputedSchema,
    identities: z.array(z.object({ type: z.string(), value: z.string(), firstSeen: z.string() })),
    mergedFrom: z.array(z.string()),
  })
  .openapi('Profile');

export const ProfileDetailSchema = z
  .object({
    profile: ProfileSchema,
    recentEvents: z.array(EventSchema.extend({ truncated: z.boolean().optional() })),
    nextCursor: z.string().nullable(),
  })
  .openapi('ProfileDetail');

export const ApiKeySchema = z
  .object({
    id: z.string(),
    type: z.enum(['write', 'secret']),
    name: z.string(),
    prefix: z.string(),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
  })
  .openapi('ApiKey');

export const WorkspaceSchema = z
  .object({ id: z.string(), name: z.string(), role: z.string() })
  .openapi('Workspace');
export const UserSchema = z
  .object({ id: z.string(), email: z.string(), name: z.string(), locale: z.string() })
  .openapi('ConsoleUser');

export const errorResponses = {
  400: { description: 'Invalid request', content: { 'application/json': { schema: ErrorSchema } } },
  401: { description: 'Not authenticated', content: { 'application/json': { schema: ErrorSchema } } },
  403: { description: 'Not allowed', content: { 'application/json': { schema: ErrorSchema } } },
  404: { description: 'Not found', content: { 'application/json': { schema: ErrorSchema } } },
} as const;

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const secured: Record<string, string[]>[] = [{ secretKey: [] }, { session: [] }];
