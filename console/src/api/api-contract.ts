/**
 * The JSON shapes of Tailor's console API (`/api/v1`), as the console reads them. Timestamps are ISO
 * strings; money amounts are plain numbers in the workspace's currency.
 */

export interface User {
  id: string;
  email: string;
  name: string;
  locale: string;
}

export interface Workspace {
  id: string;
  name: string;
  role: string;
}

/** Returned by login and by `auth/me`. */
export interface Session {
  user: User;
  workspaces: Workspace[];
}

export type KeyType = 'write' | 'secret';

export interface ApiKey {
  id: string;
  type: KeyType;
  name: string;
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface CreatedKey {
  key: ApiKey;
  /** The full key; the server keeps only a hash, so this is the one chance to show it. */
  secret: string;
}

export interface CategoryCount {
  category: string;
  count: number;
}

export interface Computed {
  firstSeen: string | null;
  lastSeen: string | null;
  eventCount: number;
  activeDays30: number;
  orderCount: number;
  totalSpend: number;
  averageOrderValue: number | null;
  firstOrderAt: string | null;
  lastOrderAt: string | null;
  daysSinceLastOrder: number | null;
  refundCount: number;
  refundTotal: number;
  topCategories: CategoryCount[];
}

export interface ProfileSummary {
  profileId: string;
  userId: string | null;
  email: string | null;
  phone: string | null;
  name: string | null;
  computed: Computed;
}

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
] as const;

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
