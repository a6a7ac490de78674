/**
 * The JSON shapes of Tailor's console API (`/api/v1`), as the console reads them. Timestamps are ISO
 * strings; money amounts are plain numbers in the workspace's currency. Shapes the server declares
 * with zod (src/http/schemas.ts) are imported from there as types, so the two cannot drift apart;
 * type-only imports are erased from the bundle.
 */
import type { z } from 'zod';
import type {
  ApiKeySchema,
  ComputedSchema,
  ProfileSummarySchema,
  UserSchema,
  WorkspaceSchema,
} from '../../../src/http/schemas.js';
import type { ProfileSort as ServerProfileSort } from '../../../src/services/profiles/list-profiles.js';

export type User = z.infer<typeof UserSchema>;
export type Workspace = z.infer<typeof WorkspaceSchema>;

/** Returned by login and by `auth/me`. */
export interface Session {
  user: User;
  workspaces: Workspace[];
}

export type KeyType = 'write' | 'secret';
export type ApiKey = z.infer<typeof ApiKeySchema>;

export interface CreatedKey {
  key: ApiKey;
  /** The full key; the server keeps only a hash, so this is the one chance to show it. */
  secret: string;
}

export type Computed = z.infer<typeof ComputedSchema>;
export type ProfileSummary = z.infer<typeof ProfileSummarySchema>;

/** The sorts the console offers (the API has a few more). */
export const PROFILE_SORTS = [
  'last_seen',
  'first_seen',
  'event_count',
  'order_count',
  'total_spend',
  'average_order_value',
  'last_order_at',
  'days_since_last_order',
  'active_days_30',
] as const satisfies readonly ServerProfileSort[];

export type ProfileSort = (typeof PROFILE_SORTS)[number];
export type SortOrder = 'asc' | 'desc';

export interface ProfileQuery {
  q?: string;
  sort?: ProfileSort;
  order?: SortOrder;
  limit?: number;
  cursor?: string;
  hasOrders?: boolean;
  minTotalSpend?: number;
  maxTotalSpend?: number;
  seenWithinDays?: number;
}

export interface ProfileList {
  profiles: ProfileSummary[];
  nextCursor: string | null;
}

export interface Identity {
  type: 'user' | 'anon';
  value: string;
  firstSeen: string;
}

export type Traits = Record<string, unknown>;

export interface Profile {
  profileId: string;
  userId: string | null;
  email: string | null;
  phone: string | null;
  traits: Traits;
  traitUpdatedAt: Record<string, string>;
  computed: Computed;
  identities: Identity[];
  mergedFrom: string[];
}

export interface TailorEvent {
  messageId: string;
  type: string;
  event: string | null;
  userId: string | null;
  anonymousId: string | null;
  timestamp: string;
  receivedAt: string;
  properties: Record<string, unknown>;
  traits: Record<string, unknown>;
  context: Record<string, unknown>;
}

export interface ProfileDetail {
  profile: Profile;
  recentEvents: TailorEvent[];
  nextCursor: string | null;
}

export interface EventPage {
  events: TailorEvent[];
  nextCursor: string | null;
}

export interface IngestError {
  day: string;
  code: string;
  count: number;
  lastMessage: string;
}

export interface IngestStats {
  totalEvents: number;
  backlog: number;
  errors: IngestError[];
}
