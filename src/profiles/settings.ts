import { z } from 'zod';
import { isPhoneRegion } from '../core/normalize.js';
import { isTimeZone } from '../core/time-zone.js';

/**
 * Which events and properties feed the built-in computed traits. Defaults follow Segment's
 * e-commerce spec; a workspace may change them (workspaces.settings.profiles).
 */
export const ProfileSettingsSchema = z.object({
  orderEvents: z.array(z.string().min(1)).default(['Order Completed']),
  revenueProperties: z.array(z.string().min(1)).default(['revenue', 'total', 'value']),
  refundEvents: z.array(z.string().min(1)).default(['Order Refunded']),
  refundAmountProperties: z.array(z.string().min(1)).default(['total', 'revenue', 'value']),
  interestEvents: z
    .array(z.string().min(1))
    .default(['Product Viewed', 'Product Clicked', 'Product Added', 'Order Completed']),
  categoryProperty: z.string().min(1).default('category'),
  /** Region used to read phone numbers written without a country code. */
  phoneRegion: z
    .string()
    .transform((s) => s.toUpperCase())
    .refine(isPhoneRegion, 'not a region with phone numbers (ISO 3166 code such as CN)')
    .default('CN'),
  /**
   * The workspace's calendar (IANA name): where its days begin for active days, activity
   * levels and anniversaries. Windows such as "in the last 7 days" are durations and do not
   * depend on it.
   */
  timeZone: z.string().refine(isTimeZone, 'not a known IANA time zone').default('UTC'),
});

export type ProfileSettings = z.infer<typeof ProfileSettingsSchema>;

export const DEFAULT_PROFILE_SETTINGS: ProfileSettings = ProfileSettingsSchema.parse({});
