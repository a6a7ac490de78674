import { z } from 'zod';

/**
 * The segment definition language, version 1: a JSON tree. `parseDefinition` validates it
 * and returns a frozen tree; every error names the offending node by its JSON pointer
 * (`/root/children/2/window/last/amount`). See docs/segments.md for the language reference.
 */

export const MAX_DEPTH = 20;
export const MAX_NODES = 500;

const name = z.string().trim().min(1).max(200);
const scalar = z.union([z.string().max(1000), z.number().finite(), z.boolean()]);
const isoDate = z.iso.datetime({ offset: true }).or(z.iso.date());

export const DurationSchema = z.strictObject({
  amount: z.number().int().positive().max(100_000),
  unit: z.enum(['minutes', 'hours', 'days']),
});
export type Duration = z.infer<typeof DurationSchema>;

/** Absent means "ever". `between` takes ISO dates or date-times; `to` is exclusive. */
export const WindowSchema = z.union([
  z.strictObject({ last: DurationSchema }),
  z.strictObject({ between: z.strictObject({ from: isoDate, to: isoDate }) }),
]);
export type Window = z.infer<typeof WindowSchema>;

/** Comparisons shared by trait conditions and event property filters. */
const comparisons = [
  z.strictObject({ op: z.enum(['eq', 'neq']), value: scalar }),
  z.strictObject({ op: z.enum(['in', 'not_in']), values: z.array(scalar).min(1).max(1000) }),
  z.strictObject({
    op: z.enum(['contains', 'not_contains', 'starts_with', 'ends_with']),
    value: z.string().min(1).max(1000),
  }),
  z.strictObject({ op: z.enum(['gt', 'gte', 'lt', 'lte']), value: z.number().finite() }),
  z.strictObject({ op: z.literal('between'), from: z.number().finite(), to: z.number().finite() }),
  z.strictObject({ op: z.enum(['exists', 'not_exists']) }),
] as const;

/** Comparisons that only make sense on a date-valued trait (ISO date or date-time text). */
const dateComparisons = [
  z.strictObject({ op: z.enum(['before', 'after']), value: isoDate }),
  z.strictObject({
    op: z.enum(['within_last', 'more_than_ago']),
    days: z.number().int().min(0).max(100_000),
  }),
  z.strictObject({ op: z.literal('anniversary'), period: z.enum(['today', 'this_month']) }),
] as const;

const property = z.string().min(1).max(128);
export const PropertyFilterSchema = z.discriminatedUnion(
  'op',
  comparisons.map((c) => c.extend({ property })) as unknown as [
    z.ZodObject<{ op: z.ZodEnum<{ eq: 'eq'; neq: 'neq' }> }>,
  ],
);

type Comparison =
  | { op: 'eq' | 'neq'; value: string | number | boolean }
  | { op: 'in' | 'not_in'; values: (string | number | boolean)[] }
  | { op: 'contains' | 'not_contains' | 'starts_with' | 'ends_with'; value: string }
  | { op: 'gt' | 'gte' | 'lt' | 'lte'; value: number }
  | { op: 'between'; from: number; to: number }
  | { op: 'exists' | 'not_exists' };
type DateComparison =
  | { op: 'before' | 'after'; value: string }
  | { op: 'within_last' | 'more_than_ago'; days: number }
  | { op: 'anniversary'; period: 'today' | 'this_month' };

export type PropertyFilter = Comparison & { property: string };

/** Built-in computed traits, aggregated from events with the workspace's profile settings. */
export const COMPUTED_TRAITS = [
  'first_seen',
  'last_seen',
  'event_count',
  'active_days_30',
  'order_count',
  'total_spend',
  'avg_order_value',
  'first_order_at',
  'last_order_at',
  'days_since_last_order',
] as const;
export type ComputedTrait = (typeof COMPUTED_TRAITS)[number];

const step = z.strictObject({ event: name, where: z.array(PropertyFilterSchema).max(20).optional() });
const count = z.strictObject({
  op: z.enum(['at_least', 'exactly', 'at_most']),
  value: z.number().int().min(0).max(1_000_000),
});

export type Node =
  | { type: 'and' | 'or'; children: Node[] }
  | { type: 'not'; child: Node }
  | ({ type: 'trait'; trait: string } & (Comparison | DateComparison))
  | ({ type: 'computed'; trait: ComputedTrait } & Comparison)
  | {
      type: 'event';
      event: string;
      where?: PropertyFilter[] | undefined;
      window?: Window | undefined;
      count?: { op: 'at_least' | 'exactly' | 'at_most'; value: number } | undefined;
    }
  | { type: 'no_event'; event: string; where?: PropertyFilter[] | undefined; window?: Window | undefined }
  | { type: 'first_event'; event: string; where?: PropertyFilter[] | undefined; window: Window }
  | { type: 'last_event'; event: string; where?: PropertyFilter[] | undefined; olderThan: Duration }
  | {
      type: 'aggregate';
      event: string;
      where?: PropertyFilter[] | undefined;
      window?: Window | undefined;
      property: string;
      fn: 'sum' | 'avg' | 'min' | 'max' | 'count_distinct';
      compare: Extract<Comparison, { op: 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'between' }>;
    }
  | {
      type: 'sequence';
      first: { event: string; where?: PropertyFilter[] | undefined };
      second: { event: string; where?: PropertyFilter[] | undefined };
      within: Duration;
      followed: boolean;
      window?: Window | undefined;
    }
  | {
      type: 'trend';
      event: string;
      where?: PropertyFilter[] | undefined;
      change: 'stopped' | 'restarted';
      recent: Duration;
      previous: Duration;
    }
  | { type: 'segment'; segmentId: string }
  | { type: 'list'; listId: string }
  | { type: 'bucket'; salt: string; from: number; to: number }
  | { type: 'model'; model: ModelName; value: string }
  | { type: 'rfm_score'; score: 'r' | 'f' | 'm'; from: number; to: number }
  | { type: 'interest'; category: string };

const numericCompare = z.discriminatedUnion('op', [
  z.strictObject({ op: z.enum(['eq', 'neq', 'gt', 'gte', 'lt', 'lte']), value: z.number().finite() }),
  z.strictObject({ op: z.literal('between'), from: z.number().finite(), to: z.number().finite() }),
]);

export const NodeSchema: z.ZodType<Node> = z.lazy(
  () =>
    z.discriminatedUnion('type', [
      z.strictObject({ type: z.enum(['and', 'or']), children: z.array(NodeSchema).min(1).max(100) }),
      z.strictObject({ type: z.literal('not'), child: NodeSchema }),
      z.discriminatedUnion(
        'op',
        [...comparisons, ...dateComparisons].map((c) =>
          c.extend({ type: z.literal('trait'), trait: z.string().min(1).max(128) }),
        ) as unknown as [z.ZodObject<{ op: z.ZodLiteral<'eq'> }>],
      ),
      z.discriminatedUnion(
        'op',
        comparisons.map((c) =>
          c.extend({ type: z.literal('computed'), trait: z.enum(COMPUTED_TRAITS) }),
        ) as unknown as [z.ZodObject<{ op: z.ZodLiteral<'eq'> }>],
      ),
      step.extend({ type: z.literal('event'), window: WindowSchema.optional(), count: count.optional() }),
      step.extend({ type: z.literal('no_event'), window: WindowSchema.optional() }),
      step.extend({ type: z.literal('first_event'), window: WindowSchema }),
      step.extend({ type: z.literal('last_event'), olderThan: DurationSchema }),
      step.extend({
        type: z.literal('aggregate'),
        window: WindowSchema.optional(),
        property,
        fn: z.enum(['sum', 'avg', 'min', 'max', 'count_distinct']),
        compare: numericCompare,
      }),
      z.strictObject({
        type: z.literal('sequence'),
        first: step,
        second: step,
        within: DurationSchema,
        followed: z.boolean().default(true),
        window: WindowSchema.optional(),
      }),
      step.extend({
        type: z.literal('trend'),
        change: z.enum(['stopped', 'restarted']),
        recent: DurationSchema,
        previous: DurationSchema,
      }),
      z.strictObject({ type: z.literal('segment'), segmentId: z.string().min(1).max(100) }),
      z.strictObject({ type: z.literal('list'), listId: z.string().min(1).max(100) }),
      z.strictObject({
        type: z.literal('bucket'),
        salt: z.string().min(1).max(100),
        from: z.number().int().min(0).max(99),
        to: z.number().int().min(0).max(99),
      }),
      modelNode,
      z.strictObject({
        type: z.literal('rfm_score'),
        score: z.enum(['r', 'f', 'm']),
        from: z.number().int().min(1).max(5),
        to: z.number().int().min(1).max(5),
      }),
      z.strictObject({ type: z.literal('interest'), category: z.string().min(1).max(200) }),
    ]) as unknown as z.ZodType<Node>,
);

/**
 * The built-in models (docs/models.md) and the groups each one sorts profiles into. Every
 * group is also kept as a model segment `<model>:<value>` (`lifecycle:new`, `rfm_grid:champions`).
 */
export const MODEL_VALUES = {
  rfm_grid: [
    'champions',
    'loyal_customers',
    'potential_loyalists',
    'new_customers',
    'promising',
    'need_attention',
    'about_to_sleep',
    'at_risk',
    'cant_lose_them',
    'hibernating',
    'lost',
  ],
  rfm_cn8: [
    'important_value',
    'important_development',
    'important_retention',
    'important_recovery',
    'general_value',
    'general_development',
    'general_retention',
    'general_recovery',
  ],
  lifecycle: ['prospect', 'new', 'active', 'loyal', 'at_risk', 'churned', 'won_back'],
  activity: ['high', 'medium', 'low', 'dormant'],
  spending: ['high', 'medium', 'low'],
} as const;
export type ModelName = keyof typeof MODEL_VALUES;
export const MODEL_NAMES = Object.keys(MODEL_VALUES) as ModelName[];

const modelNode = z
  .strictObject({
    type: z.literal('model'),
    model: z.enum(MODEL_NAMES as [ModelName, ...ModelName[]]),
    value: z.string().min(1).max(50),
  })
  .superRefine((n, ctx) => {
    if (!(MODEL_VALUES[n.model] as readonly string[]).includes(n.value))
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `${n.model} has no group ${n.value}; one of ${MODEL_VALUES[n.model].join(', ')}`,
      });
  });

export const DefinitionSchema = z.strictObject({ version: z.literal(1), root: NodeSchema });
export type Definition = { version: 1; root: Node };

export const durationMs = (d: Duration) =>
  d.amount * (d.unit === 'minutes' ? 60_000 : d.unit === 'hours' ? 3_600_000 : 86_400_000);
