import { localDay } from '../../core/time-zone.js';
import type { EventRecord } from '../../ingest/event-record.js';
import type { RecentEvent } from '../../profiles/profile-delta.js';

const DAY_MS = 86_400_000;
const iso = (ms: unknown) => (ms === null || ms === undefined ? null : new Date(Number(ms)).toISOString());

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
  topCategories: { category: string; count: number }[];
}

export const round2 = (n: number) => Math.round(n * 100) / 100;

/** The built-in computed traits, derived from a stored profile row at `now`. */
export function computedTraits(r: Record<string, unknown>, now: number, timeZone: string): Computed {
  // Stored active days are day numbers of the workspace's calendar (profile-delta.ts).
  const today = localDay(timeZone, now);
  const days = (r.active_days as number[] | null) ?? [];
  const orderCount = Number(r.order_count ?? 0);
  const totalSpend = Number(r.total_spend ?? 0);
  const lastOrderAt =
    r.last_order_at === null || r.last_order_at === undefined ? null : Number(r.last_order_at);
  const cats = Object.entries((r.categories as Record<string, number> | null) ?? {})
    .map(([category, count]) => ({ category, count: Number(count) }))
    .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category))
    .slice(0, 5);
  return {
    firstSeen: iso(r.first_seen),
    lastSeen: iso(r.last_seen),
    eventCount: Number(r.event_count ?? 0),
    activeDays30: days.filter((d) => d > today - 30 && d <= today).length,
    orderCount,
    totalSpend: round2(totalSpend),
    averageOrderValue: orderCount > 0 ? round2(totalSpend / orderCount) : null,
    firstOrderAt: iso(r.first_order_at),
    lastOrderAt: iso(lastOrderAt),
    daysSinceLastOrder: lastOrderAt === null ? null : Math.max(0, Math.floor((now - lastOrderAt) / DAY_MS)),
    refundCount: Number(r.refund_count ?? 0),
    refundTotal: round2(Number(r.refund_total ?? 0)),
    topCategories: cats,
  };
}

/** Traits as `{name: value}` and `{name: ISO time of the event that set it}`; removed (null) traits are left out. */
export function traitsOf(r: Record<string, unknown>): {
  traits: Record<string, unknown>;
  traitUpdatedAt: Record<string, string>;
} {
  const traits: Record<string, unknown> = {};
  const traitUpdatedAt: Record<string, string> = {};
  for (const [k, v] of Object.entries((r.traits as Record<string, [unknown, number]> | null) ?? {})) {
    if (!Array.isArray(v) || v[0] === null) continue;
    traits[k] = v[0];
    traitUpdatedAt[k] = new Date(Number(v[1])).toISOString();
  }
  return { traits, traitUpdatedAt };
}

export function summaryOf(r: Record<string, unknown>, now: number, timeZone: string) {
  const { traits } = traitsOf(r);
  const name =
    traits.name ??
    ([traits.first_name ?? traits.firstName, traits.last_name ?? traits.lastName].filter(Boolean).join(' ') ||
      null);
  return {
    profileId: String(r.profile_id),
    userId: (r.user_id as string | null) ?? null,
    email: (r.email as string | null) ?? null,
    phone: (r.phone as string | null) ?? null,
    name: typeof name === 'string' ? name : name === null ? null : String(name),
    computed: computedTraits(r, now, timeZone),
  };
}

const parseJson = (s: string): unknown => {
  try {
    return JSON.parse(s);
  } catch {
    return {};
  }
};

export function eventView(e: EventRecord) {
  return {
    messageId: e.messageId,
    type: e.type,
    event: e.event,
    userId: e.userId || null,
    anonymousId: e.anonymousId || null,
    profileId: e.profileId,
    timestamp: new Date(e.timestamp).toISOString(),
    originalTimestamp: e.originalTimestamp ? new Date(e.originalTimestamp).toISOString() : null,
    sentAt: e.sentAt ? new Date(e.sentAt).toISOString() : null,
    receivedAt: new Date(e.receivedAt).toISOString(),
    properties: parseJson(e.properties),
    traits: parseJson(e.traits),
    context: parseJson(e.context),
  };
}

export type EventView = ReturnType<typeof eventView> & { truncated?: boolean };

/** An event summary from the profile row: `truncated` because properties, traits and context are left out (GET …/events has them). */
export function recentEventView(r: RecentEvent, profileId: string): EventView {
  return {
    messageId: r.id,
    type: r.type as EventRecord['type'],
    event: r.event,
    userId: null,
    anonymousId: null,
    profileId,
    timestamp: new Date(r.ts).toISOString(),
    originalTimestamp: null,
    sentAt: null,
    receivedAt: new Date(r.rt).toISOString(),
    properties: {},
    traits: {},
    context: {},
    truncated: true,
  };
}

/** Opaque keyset cursors: base64url JSON. */
export const encodeCursor = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
export function decodeCursor<T>(c: string | undefined, check: (v: unknown) => v is T): T | undefined {
  if (!c) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(c, 'base64url').toString('utf8'));
  } catch {
    v = undefined;
  }
  if (!check(v)) throw Object.assign(new Error('bad cursor'), { badCursor: true });
  return v;
}
