/**
 * Calendar days in a workspace's time zone (an IANA name such as `Asia/Shanghai`).
 *
 * A day number is `floor((ts + offset(ts)) / DAY)`: days since 1970-01-01 on the local
 * calendar. Offsets come from the runtime's time zone database (Intl), which Node ships; no
 * library is needed for offsets alone. Engines get the offsets as constants (`offsetSpans`),
 * so the SQL needs no time zone support of its own and both engines agree with JavaScript.
 */
const DAY = 86_400_000;
/** Offsets change only at transitions on a quarter hour of UTC (every zone in the database). */
const SLOT = 15 * 60_000;
const MAX_CACHED = 20_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, Map<number, number>>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether `name` is a time zone the runtime knows (IANA names and `UTC`). */
export function isTimeZone(name: string): boolean {
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

function computeOffset(timeZone: string, ts: number): number {
  const parts = formatter(timeZone).formatToParts(ts);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - (ts - (((ts % 1000) + 1000) % 1000));
}

/** Local time minus UTC at `ts`, in milliseconds (`Asia/Shanghai`: 8 h). */
export function zoneOffset(timeZone: string, ts: number): number {
  if (timeZone === 'UTC') return 0;
  let cache = offsets.get(timeZone);
  if (!cache) {
    cache = new Map();
    offsets.set(timeZone, cache);
  }
  const slot = Math.floor(ts / SLOT);
  let off = cache.get(slot);
  if (off === undefined) {
    if (cache.size >= MAX_CACHED) cache.clear();
    off = computeOffset(timeZone, slot * SLOT);
    cache.set(slot, off);
  }
  return off;
}

/** Days since 1970-01-01 on the zone's calendar. */
export function localDay(timeZone: string, ts: number): number {
  return Math.floor((ts + zoneOffset(timeZone, ts)) / DAY);
}

/** 'MM-DD' of `ts` on the zone's calendar. */
export function localMonthDay(timeZone: string, ts: number): string {
  return new Date(ts + zoneOffset(timeZone, ts)).toISOString().slice(5, 10);
}

/** A stretch of time with one offset: from `start` (inclusive; -Infinity for the first). */
export interface OffsetSpan {
  start: number;
  offset: number;
}

/**
 * The offsets in force over [from, to], oldest first: one span for a zone without transitions
 * in that time (`Asia/Shanghai`), two or three across daylight-saving changes.
 */
export function offsetSpans(timeZone: string, from: number, to: number): OffsetSpan[] {
  const first = Math.floor(from / SLOT);
  const spans: OffsetSpan[] = [{ start: Number.NEGATIVE_INFINITY, offset: zoneOffset(timeZone, from) }];
  for (let slot = first + 1; slot * SLOT <= to; slot++) {
    const off = zoneOffset(timeZone, slot * SLOT);
    if (off !== spans.at(-1)?.offset) spans.push({ start: slot * SLOT, offset: off });
  }
  return spans;
}

/** The first instant of local day `day` (a `localDay` number) in the zone. */
export function localDayStart(timeZone: string, day: number): number {
  const wall = day * DAY;
  let t = wall - zoneOffset(timeZone, wall);
  // Across a transition the guess's offset can differ from the one in force at the guess.
  t = wall - zoneOffset(timeZone, t);
  return localDay(timeZone, t) < day ? t + (day * DAY - (t + zoneOffset(timeZone, t))) : t;
}

/** The runtime's own spelling of a known zone (`asia/shanghai` → `Asia/Shanghai`). */
export function canonicalTimeZone(name: string): string {
  return formatter(name).resolvedOptions().timeZone;
}
