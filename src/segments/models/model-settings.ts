import { z } from 'zod';

/**
 * A workspace's settings for the built-in models (docs/models.md has the rules). Orders and
 * revenue come from the profile settings (`orderEvents`, `revenueProperties`), interests from
 * `interestEvents` and `categoryProperty`, so every model agrees with the profile page.
 */
const days = z.number().int().min(1).max(3650);
export const ModelSettingsSchema = z
  .strictObject({
    rfm: z.strictObject({ windowDays: days.default(365) }).prefault({}),
    lifecycle: z
      .strictObject({
        /** First order at most this many days ago: new. */
        newDays: days.default(30),
        /** Last order more than this many days ago: at risk. */
        atRiskDays: days.default(90),
        /** Last order more than this many days ago: churned; a gap this long before the last order: won back. */
        churnDays: days.default(180),
        /** At least this many orders (and not at risk): loyal. */
        loyalOrders: z.number().int().min(2).max(1000).default(5),
      })
      .prefault({})
      .refine((l) => l.newDays <= l.atRiskDays && l.atRiskDays < l.churnDays, {
        message: 'expected newDays ≤ atRiskDays < churnDays',
      }),
    activity: z
      .strictObject({
        /** Active days (days with any event) in the last 30 days for high and medium; low is ≥ 1. */
        highDays: z.number().int().min(2).max(30).default(10),
        mediumDays: z.number().int().min(1).max(30).default(4),
      })
      .prefault({})
      .refine((a) => a.mediumDays < a.highDays, { message: 'expected mediumDays < highDays' }),
    spending: z
      .strictObject({
        windowDays: days.default(365),
        /** Spenders at or above this percentile of spend (among profiles with spend > 0): high. */
        highPercentile: z.number().int().min(1).max(99).default(80),
        /** At or above this percentile (and below high): medium; everyone else: low. */
        mediumPercentile: z.number().int().min(1).max(99).default(50),
      })
      .prefault({})
      .refine((s) => s.mediumPercentile < s.highPercentile, {
        message: 'expected mediumPercentile < highPercentile',
      }),
    interests: z
      .strictObject({
        windowDays: days.default(90),
        /** A category is an interest when it is among a profile's `top` most frequent ones. */
        top: z.number().int().min(1).max(10).default(3),
      })
      .prefault({}),
  })
  .prefault({});

export type ModelSettings = z.infer<typeof ModelSettingsSchema>;
export const DEFAULT_MODEL_SETTINGS: ModelSettings = ModelSettingsSchema.parse({});
