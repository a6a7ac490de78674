import { type Locale, type Promotion, promotionsOf, springFestivalDay } from './holidays.js';
import { DAY, type DemoWindow, HOUR } from './options.js';
import type { Rng } from './prng.js';

// Fixed offsets: China has no DST; US shoppers are put on Eastern time and DST is ignored.
const OFFSET: Record<Locale, number> = { 'zh-CN': 8 * HOUR, 'en-US': -5 * HOUR };

// Relative activity per local hour: quiet nights, a lunch bump, the evening peak.
const HOUR_WEIGHTS = [
  0.5, 0.3, 0.15, 0.1, 0.1, 0.15, 0.3, 0.6, 0.9, 1, 1.1, 1.2, 1.5, 1.4, 1.1, 1, 1, 1.1, 1.3, 1.6, 2, 2.3, 2,
  1.2,
];
const HOUR_TOTAL = HOUR_WEIGHTS.reduce((s, w) => s + w, 0);

/** Shoppers are ~25% more active on weekends and a little more on Fridays. */
const WEEKDAY_WEIGHTS = [1.25, 1, 1, 1, 1, 1.1, 1.25]; // Sunday first, as getUTCDay

/**
 * Seasonality for one locale over one window. Times are drawn from a table of day weights
 * (sales up, Spring Festival down, weekends up) and an hour-of-day profile, so peaks appear in
 * the aggregate without any user being scripted to follow them.
 */
export class LocaleCalendar {
  readonly offset: number;
  readonly firstDay: number;
  readonly days: number;
  readonly promotions: readonly Promotion[];
  /** cdf[i] = total weight of days before day i; length days + 1. */
  private readonly cdf: Float64Array;

  constructor(locale: Locale, w: DemoWindow) {
    this.offset = OFFSET[locale];
    this.firstDay = this.localDay(w.start);
    this.days = this.localDay(w.end) - this.firstDay + 1;
    const lastDay = this.firstDay + this.days - 1;
    const promos: Promotion[] = [];
    const y0 = new Date(w.start).getUTCFullYear();
    const y1 = new Date(w.end).getUTCFullYear();
    for (let y = y0; y <= y1; y++) {
      for (const p of promotionsOf(locale, y))
        if (p.last >= this.firstDay && p.first <= lastDay) promos.push(p);
    }
    promos.sort((a, b) => a.first - b.first);
    this.promotions = promos;

    const weights = new Float64Array(this.days);
    for (let i = 0; i < this.days; i++) {
      weights[i] = WEEKDAY_WEIGHTS[new Date((this.firstDay + i) * DAY).getUTCDay()] ?? 1;
    }
    for (const p of promos) {
      for (let d = Math.max(p.first, this.firstDay); d <= Math.min(p.last, lastDay); d++) {
        const i = d - this.firstDay;
        weights[i] = (weights[i] ?? 1) * (d === p.peak ? p.peakBoost : p.boost);
      }
    }
    if (locale === 'zh-CN') {
      for (let y = y0; y <= y1; y++) {
        const cny = springFestivalDay(y);
        if (cny === undefined) continue;
        // Couriers stop and people travel home: a week either side is quiet.
        for (let d = cny - 7; d <= cny + 7; d++) {
          const i = d - this.firstDay;
          if (i >= 0 && i < this.days) weights[i] = (weights[i] ?? 1) * 0.45;
        }
      }
    }
    this.cdf = new Float64Array(this.days + 1);
    for (let i = 0; i < this.days; i++) this.cdf[i + 1] = (this.cdf[i] ?? 0) + (weights[i] ?? 0);
  }

  localDay(t: number): number {
    return Math.floor((t + this.offset) / DAY);
  }

  /** The first millisecond of local day `day`. */
  startOf(day: number): number {
    return day * DAY - this.offset;
  }

  /** A moment on local day `day`, at an hour drawn from the daily rhythm. */
  at(rng: Rng, day: number): number {
    let u = rng.next() * HOUR_TOTAL;
    let h = 0;
    while (h < 23 && u >= (HOUR_WEIGHTS[h] ?? 0)) u -= HOUR_WEIGHTS[h++] ?? 0;
    return day * DAY - this.offset + h * HOUR + Math.floor(rng.next() * HOUR);
  }

  /** A moment in [a, b] following the seasonal and daily rhythm. */
  sample(rng: Rng, a: number, b: number): number {
    if (b <= a) return a;
    const last = this.days - 1;
    const i0 = Math.min(Math.max(this.localDay(a) - this.firstDay, 0), last);
    const i1 = Math.min(Math.max(this.localDay(b) - this.firstDay, i0), last);
    const lo = this.cdf[i0] ?? 0;
    const u = lo + rng.next() * ((this.cdf[i1 + 1] ?? lo) - lo);
    let l = i0;
    let r = i1;
    while (l < r) {
      const m = (l + r + 1) >> 1;
      if ((this.cdf[m] ?? 0) <= u) l = m;
      else r = m - 1;
    }
    const t = this.at(rng, this.firstDay + l);
    // Edge days are only partly inside [a, b]; fold the outside part back in.
    const slack = Math.min(b - a, HOUR);
    if (t < a) return a + Math.floor(rng.next() * slack);
    if (t > b) return b - Math.floor(rng.next() * slack);
    return t;
  }

  promotionAt(t: number): Promotion | undefined {
    const d = this.localDay(t);
    return this.promotions.find((p) => d >= p.first && d <= p.last);
  }
}

const cache = new Map<string, LocaleCalendar>();

/** Calendars are pure functions of (locale, window) and cost a few µs per day to build. */
export function calendarFor(w: DemoWindow, locale: Locale): LocaleCalendar {
  const key = `${locale}:${w.start}:${w.end}`;
  let cal = cache.get(key);
  if (!cal) {
    if (cache.size >= 16) cache.clear();
    cal = new LocaleCalendar(locale, w);
    cache.set(key, cal);
  }
  return cal;
}
