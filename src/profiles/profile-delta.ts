import { normalizeEmail, normalizePhone } from '../core/normalize.js';
import { localDay } from '../core/time-zone.js';
import type { EventRecord } from '../ingest/event-record.js';
import type { ProfileSettings } from './settings.js';

/** A trait value with the event time that set it: the newer event time wins on merge. */
export type TimedValue = [value: unknown, eventTimeMs: number];

/**
 * A summary of one of the profile's newest events, kept on the profile row so a profile
 * lookup needs no event-store query. Only ids, times and names: every byte here is rewritten
 * on each batch that touches the profile (row width is what a PGlite update costs), so the
 * event's properties are read from the event store when asked for.
 */
export interface RecentEvent {
  id: string;
  ts: number;
  rt: number;
  type: string;
  event: string;
}

const recentOf = (e: EventRecord): RecentEvent => ({
  id: e.messageId,
  ts: e.timestamp,
  rt: e.receivedAt,
  type: e.type,
  event: e.event,
});

/**
 * `traits` and `categories` are keyed by what clients send, `__proto__` and `constructor`
 * included, so they are objects without a prototype (`Object.create(null)`): on a plain object
 * those keys would read Object.prototype's members or replace the object's prototype.
 */
export interface ProfileDelta {
  workspaceId: string;
  profileId: string;
  /** The user id of the newest event that carried one. */
  userId: string | null;
  userIdAt: number;
  traits: Record<string, TimedValue>;
  firstSeen: number;
  lastSeen: number;
  eventCount: number;
  activeDays: Set<number>;
  orderCount: number;
  totalSpend: number;
  refundCount: number;
  refundTotal: number;
  firstOrderAt: number | null;
  lastOrderAt: number | null;
  categories: Record<string, number>;
  recent: RecentEvent[];
}

/** Newest events kept on the profile row: the first page of the profile timeline. */
export const RECENT_KEEP = 10;
const MAX_TRAITS = 200;
const MAX_TRAIT_KEY = 128;
/** Distinct active days kept: enough for "active days in the last N days" up to a year. */
const MAX_ACTIVE_DAYS = 400;

export function emptyDelta(workspaceId: string, profileId: string): ProfileDelta {
  return {
    workspaceId,
    profileId,
    userId: null,
    userIdAt: Number.NEGATIVE_INFINITY,
    traits: Object.create(null),
    firstSeen: Number.POSITIVE_INFINITY,
    lastSeen: Number.NEGATIVE_INFINITY,
    eventCount: 0,
    activeDays: new Set(),
    orderCount: 0,
    totalSpend: 0,
    refundCount: 0,
    refundTotal: 0,
    firstOrderAt: null,
    lastOrderAt: null,
    categories: Object.create(null),
    recent: [],
  };
}

/** Amounts beyond this are no real order or refund; summed, a few of them would overflow to Infinity. */
const MAX_AMOUNT = 1e15;

const asNumber = (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
  return Number.isFinite(n) && Math.abs(n) <= MAX_AMOUNT ? n : undefined;
};

const firstNumber = (props: Record<string, unknown>, keys: readonly string[]): number | undefined => {
  for (const k of keys) {
    const n = asNumber(props[k]);
    if (n !== undefined) return n;
  }
  return undefined;
};

const parseObject = (json: string): Record<string, unknown> => {
  if (json === '{}' || json === '') return {};
  try {
    const v = JSON.parse(json);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : {};
  } catch {
    return {};
  }
};

/** Normalised trait values; the raw text stays on the stored event. */
function normalizeTrait(key: string, value: unknown, phoneRegion: string): unknown {
  if (key === 'email') return normalizeEmail(value) ?? value;
  if (key === 'phone') return normalizePhone(value, phoneRegion) ?? value;
  return value;
}

/**
 * The region to read a phone number without country code in: the event's own
 * `context.locale` (`en-US` → US, `zh-CN` → CN) when it names one, else the workspace's.
 */
function phoneRegionOf(e: EventRecord, settings: ProfileSettings): string {
  const m = /"locale"\s*:\s*"[a-z]{2,3}[-_]([A-Za-z]{2})"/.exec(e.context);
  return m ? m[1]!.toUpperCase() : settings.phoneRegion;
}

/** Newest event time wins; equal times go to the larger JSON text, so any order gives one answer. */
const newer = (ts: number, value: unknown, curTs: number, cur: unknown) =>
  ts > curTs || (ts === curTs && JSON.stringify(value) > JSON.stringify(cur));

function setTrait(d: ProfileDelta, key: string, value: unknown, ts: number): void {
  if (key.length === 0 || key.length > MAX_TRAIT_KEY || value === undefined) return;
  const cur = d.traits[key];
  if (cur === undefined) {
    if (Object.keys(d.traits).length >= MAX_TRAITS) return;
  } else if (!newer(ts, value, cur[1], cur[0])) {
    return;
  }
  d.traits[key] = [value, ts];
}

function setUserId(d: ProfileDelta, userId: string, ts: number): void {
  if (d.userId === null || newer(ts, userId, d.userIdAt, d.userId)) {
    d.userId = userId;
    d.userIdAt = ts;
  }
}

/**
 * Adds `b` into `a`. Commutative and associative (sums, min/max, set union, newest wins), so
 * a profile is the same whatever order its events, batches or merged profiles arrive in.
 */
export function mergeInto(a: ProfileDelta, b: ProfileDelta): void {
  if (b.userId !== null) setUserId(a, b.userId, b.userIdAt);
  for (const [k, [v, ts]] of Object.entries(b.traits)) setTrait(a, k, v, ts);
  a.firstSeen = Math.min(a.firstSeen, b.firstSeen);
  a.lastSeen = Math.max(a.lastSeen, b.lastSeen);
  a.eventCount += b.eventCount;
  for (const day of b.activeDays) a.activeDays.add(day);
  a.orderCount += b.orderCount;
  a.totalSpend += b.totalSpend;
  a.refundCount += b.refundCount;
  a.refundTotal += b.refundTotal;
  a.firstOrderAt = minNullable(a.firstOrderAt, b.firstOrderAt);
  a.lastOrderAt = maxNullable(a.lastOrderAt, b.lastOrderAt);
  for (const [c, n] of Object.entries(b.categories)) a.categories[c] = (a.categories[c] ?? 0) + n;
  const ids = new Set(a.recent.map((r) => r.id));
  for (const r of b.recent) if (!ids.has(r.id)) a.recent.push(r);
  trimRecent(a);
}

const minNullable = (x: number | null, y: number | null) =>
  x === null ? y : y === null ? x : Math.min(x, y);
const maxNullable = (x: number | null, y: number | null) =>
  x === null ? y : y === null ? x : Math.max(x, y);

/** Folds one event (already attributed to `d.profileId`) into the delta. */
export function foldEvent(d: ProfileDelta, e: EventRecord, settings: ProfileSettings): void {
  const ts = e.timestamp;
  d.eventCount++;
  if (ts < d.firstSeen) d.firstSeen = ts;
  if (ts > d.lastSeen) d.lastSeen = ts;
  d.activeDays.add(localDay(settings.timeZone, ts));
  if (e.userId !== '' && e.type !== 'alias') setUserId(d, e.userId, ts);

  // The JSON text is parsed again here, not kept from the request: holding every queued event's
  // parsed objects until its batch applies cost more in garbage collection than this parse
  // (main-thread CPU per event −10 % in bench/ingest.ts), and only these events need it.
  if (e.type === 'identify') {
    const traits = parseObject(e.traits);
    const region = 'phone' in traits ? phoneRegionOf(e, settings) : settings.phoneRegion;
    for (const [k, v] of Object.entries(traits)) setTrait(d, k, normalizeTrait(k, v, region), ts);
  }

  if (e.type === 'track') {
    const isOrder = settings.orderEvents.includes(e.event);
    const isRefund = !isOrder && settings.refundEvents.includes(e.event);
    const isInterest = settings.interestEvents.includes(e.event);
    const props = isOrder || isRefund || isInterest ? parseObject(e.properties) : {};
    if (isOrder) {
      d.orderCount++;
      d.totalSpend += firstNumber(props, settings.revenueProperties) ?? 0;
      d.firstOrderAt = d.firstOrderAt === null ? ts : Math.min(d.firstOrderAt, ts);
      d.lastOrderAt = d.lastOrderAt === null ? ts : Math.max(d.lastOrderAt, ts);
    }
    if (isRefund) {
      d.refundCount++;
      d.refundTotal += firstNumber(props, settings.refundAmountProperties) ?? 0;
    }
    if (isInterest) {
      for (const c of categoriesOf(props, settings.categoryProperty))
        d.categories[c] = (d.categories[c] ?? 0) + 1;
    }
  }

  d.recent.push(recentOf(e));
  if (d.recent.length > RECENT_KEEP * 2) trimRecent(d);
}

/** The event's own category, or those of its `products` (an order of several items). */
function categoriesOf(props: Record<string, unknown>, key: string): string[] {
  const out: string[] = [];
  const own = props[key];
  if (typeof own === 'string' && own.trim() !== '') out.push(own.trim().slice(0, 100));
  if (Array.isArray(props.products)) {
    for (const p of props.products) {
      const c = typeof p === 'object' && p !== null ? (p as Record<string, unknown>)[key] : undefined;
      if (typeof c === 'string' && c.trim() !== '') out.push(c.trim().slice(0, 100));
    }
  }
  return [...new Set(out)];
}

export function trimRecent(d: ProfileDelta): void {
  d.recent.sort((a, b) => b.ts - a.ts || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  d.recent.length = Math.min(d.recent.length, RECENT_KEEP);
  if (d.activeDays.size > MAX_ACTIVE_DAYS) {
    const keep = [...d.activeDays].sort((x, y) => y - x).slice(0, MAX_ACTIVE_DAYS);
    d.activeDays = new Set(keep);
  }
}
