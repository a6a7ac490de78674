import { calendarFor } from './calendar.js';
import type { Locale } from './holidays.js';
import { checkIndex, DAY, type DemoOptions, type DemoWindow, HOUR, resolveOptions } from './options.js';
import { type PersonaName, personaAt } from './personas.js';
import { type Rng, userRng } from './prng.js';

export interface DemoUser {
  index: number;
  userId: string;
  anonymousId: string;
  persona: PersonaName;
  locale: Locale;
  /** Epoch ms of the `identify` that turns the visitor into a known user. */
  signupAt: number;
}

/** Stream numbers of a user's generators; a user's facts and history never share draws. */
export const USER_STREAM = 0;
export const HISTORY_STREAM = 1;

/** A random (version 4) UUID drawn from `rng`, as browsers mint anonymous ids. */
export function uuid(rng: Rng): string {
  const h = rng.hex(32);
  const variant = '89ab'[rng.int(0, 3)] ?? '8';
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20)}`;
}

/**
 * The latest signup of each persona, as a fraction of the window: long-tenured personas join
 * early, dormant and won-back users early enough to fall silent; new users join in the last
 * 30 days (handled apart).
 */
const LATEST_SIGNUP: Record<Exclude<PersonaName, 'new_user'>, number> = {
  loyal_big_spender: 0.2,
  regular: 0.8,
  bargain_hunter: 0.8,
  dormant: 0.35,
  browser: 0.98,
  frequent_asker: 0.7,
  won_back: 0.25,
};

export function makeUser(w: DemoWindow, index: number): DemoUser {
  const rng = userRng(w.seed, index, USER_STREAM);
  const persona = personaAt(rng.next());
  const locale: Locale = rng.chance(0.7) ? 'zh-CN' : 'en-US';
  const anonymousId = uuid(rng);
  const span = w.end - w.start;
  const latest = w.end - 2 * HOUR;
  // A couple of days in, so even the earliest users have some anonymous browsing before.
  const earliest = Math.min(w.start + Math.min(2 * DAY, span * 0.05), latest);
  const from = persona === 'new_user' ? Math.max(earliest, w.end - 30 * DAY) : earliest;
  const to =
    persona === 'new_user'
      ? latest
      : Math.min(Math.max(w.start + LATEST_SIGNUP[persona] * span, from), latest);
  const signupAt = calendarFor(w, locale).sample(rng, from, to);
  return { index, userId: `u${String(index).padStart(7, '0')}`, anonymousId, persona, locale, signupAt };
}

/** The user at `index` (0 ≤ index < users); cheap, and independent of every other user. */
export function demoUser(opts: DemoOptions, index: number): DemoUser {
  const w = resolveOptions(opts);
  checkIndex(w, index);
  return makeUser(w, index);
}
