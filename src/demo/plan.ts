import type { LocaleCalendar } from './calendar.js';
import type { Promotion } from './holidays.js';
import { DAY, type DemoWindow, HOUR, MINUTE } from './options.js';
import type { Rng } from './prng.js';
import type { DemoUser } from './user.js';

export type SessionKind = 'anon' | 'signup' | 'browse' | 'buy' | 'ask' | 'profile';

export interface PlannedSession {
  t: number;
  kind: SessionKind;
}

/** A stretch of time in which the user is active: [from, to]. */
type Span = readonly [number, number];

/**
 * When a user does what: the persona is written into the timing and mix of sessions (how
 * often they buy, when they fall silent, whether they wait for sales), which is what a
 * segmentation has to recover. Every count and interval is drawn, so no two users of a
 * persona look the same.
 */
export function planSessions(u: DemoUser, rng: Rng, cal: LocaleCalendar, w: DemoWindow): PlannedSession[] {
  const plan: PlannedSession[] = [];
  const add = (t: number, kind: SessionKind): void => {
    plan.push({ t, kind });
  };
  const within = (span: Span, n: number, kind: SessionKind): void => {
    for (let i = 0; i < n; i++) add(cal.sample(rng, span[0], span[1]), kind);
  };
  /** About every minDays–maxDays from `first`; each date keeps the calendar's hour rhythm. */
  const every = (span: Span, first: number, minDays: number, maxDays: number, kind: SessionKind): number => {
    let n = 0;
    for (let t = first; t <= span[1]; t += rng.range(minDays, maxDays) * DAY, n++) {
      add(cal.sample(rng, Math.max(span[0], t - 2 * DAY), Math.min(span[1], t + 2 * DAY)), kind);
    }
    return n;
  };
  /** A moment in a sale, half the time on its peak day (双11 starts at midnight for some). */
  const inSale = (p: Promotion): number => {
    if (!rng.chance(0.5)) return cal.sample(rng, cal.startOf(p.first), cal.startOf(p.last + 1) - 1);
    if (p.coupon === 'DOUBLE11' && rng.chance(0.35)) return cal.startOf(p.peak) + rng.int(0, HOUR - 1);
    return cal.at(rng, p.peak);
  };

  const signup = u.signupAt;
  const a = Math.min(signup + 30 * MINUTE, w.end - 1);
  const b = Math.max(a, w.end - 2 * HOUR);
  const all: Span = [a, b];
  const tenureDays = (b - a) / DAY;

  if (signup - 15 * MINUTE > w.start && rng.chance(0.5)) {
    within([Math.max(w.start, signup - 14 * DAY), signup - 15 * MINUTE], rng.chance(0.85) ? 1 : 2, 'anon');
  }
  add(signup, 'signup');

  let spans: Span[] = [all];
  switch (u.persona) {
    case 'loyal_big_spender': {
      const n = every(all, a + rng.range(0, 6) * DAY, 14, 28, 'buy');
      within(all, Math.round(n * rng.range(0.1, 0.3)), 'browse');
      within(all, rng.chance(0.1) ? 1 : 0, 'ask');
      break;
    }
    case 'regular': {
      const n = every(all, a + rng.range(0, 30) * DAY, 40, 88, 'buy');
      for (const p of cal.promotions) {
        const t = inSale(p);
        if (p.major && t >= a && t <= b && rng.chance(0.1)) add(t, 'buy');
      }
      within(all, Math.round(n * rng.range(0.1, 0.4)), 'browse');
      within(all, rng.chance(0.12) ? 1 : 0, 'ask');
      break;
    }
    case 'bargain_hunter': {
      for (const p of cal.promotions) {
        if (!rng.chance(p.major ? 0.75 : 0.3)) continue;
        for (let i = rng.chance(0.25) ? 2 : 1; i > 0; i--) {
          const t = inSale(p);
          if (t >= a && t <= b) add(t, 'buy');
        }
      }
      within(all, rng.int(0, 1), 'buy');
      within(all, 1 + Math.round(tenureDays / rng.range(150, 220)), 'browse');
      within(all, rng.chance(0.15) ? 1 : 0, 'ask');
      break;
    }
    case 'dormant': {
      // Active for a few weeks after signing up, then silent for at least 140 days.
      const active: Span = [a, Math.max(a, Math.min(a + rng.range(20, 75) * DAY, w.end - 140 * DAY))];
      spans = [active];
      add(cal.sample(rng, a, Math.min(active[1], a + 10 * DAY)), 'buy');
      within(active, rng.int(0, 1), 'buy');
      within(active, rng.int(0, 1), 'browse');
      break;
    }
    case 'new_user':
      within(all, rng.chance(0.55) ? 1 : 0, 'buy');
      within(all, rng.int(0, 1), 'browse');
      within(all, rng.chance(0.05) ? 1 : 0, 'ask');
      break;
    case 'browser':
      within(all, 1 + Math.round(tenureDays / rng.range(120, 200)), 'browse');
      within(all, rng.chance(0.04) ? 1 : 0, 'ask');
      break;
    case 'frequent_asker': {
      const n = every(all, a + rng.range(0, 20) * DAY, 60, 120, 'buy');
      within(all, Math.round(n * rng.range(0.2, 0.6)), 'browse');
      within(all, rng.int(4, 9), 'ask');
      break;
    }
    case 'won_back': {
      // Buys for a while, goes silent for 100–180 days, and is back in the last 10–45 days.
      const back = Math.max(a, b - rng.range(10, 45) * DAY);
      const silentFrom = Math.max(a, Math.min(back - rng.range(100, 180) * DAY, b));
      const before: Span = [a, Math.max(a, silentFrom)];
      const after: Span = [back, b];
      spans = [before, after];
      if (every(before, a + rng.range(0, 5) * DAY, 50, 110, 'buy') === 0) within(before, 1, 'buy');
      within(before, rng.int(0, 1), 'browse');
      within(after, rng.chance(0.7) ? 1 : 2, 'buy');
      within(after, rng.int(0, 1), 'browse');
      within(after, rng.chance(0.08) ? 1 : 0, 'ask');
      break;
    }
  }
  if (u.persona !== 'new_user' && rng.chance(0.15)) {
    const span = rng.pick(spans);
    within([Math.min(span[0] + 7 * DAY, span[1]), span[1]], 1, 'profile');
  }
  plan.sort((x, y) => x.t - y.t);
  return plan;
}
