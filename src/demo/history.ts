import { invalid } from '../core/errors.js';
import { calendarFor } from './calendar.js';
import { type DemoMessage, type Device, MessageWriter } from './message-writer.js';
import { type DemoOptions, type DemoWindow, resolveOptions } from './options.js';
import { type PlannedSession, planSessions } from './plan.js';
import { userRng } from './prng.js';
import {
  askSession,
  browseSession,
  buySession,
  flushRefunds,
  profileSession,
  signupSession,
} from './sessions.js';
import { newDevice, Shopper } from './shopper.js';
import { makePerson } from './traits.js';
import { type DemoUser, HISTORY_STREAM, makeUser } from './user.js';

/** Every message of one user (its whole history), in that user's time order. */
export interface DemoUserHistory {
  user: DemoUser;
  messages: DemoMessage[];
}

/** Logged-in sessions after `switchAt` happen on the second device 60% of the time. */
function chooseDevice(s: Shopper, p: PlannedSession, home: Device): void {
  const other = s.otherDevice;
  if (!other || p.t < s.switchAt || p.kind === 'anon' || p.kind === 'signup' || !s.rng.chance(0.6)) {
    s.out.device = home;
    return;
  }
  s.out.device = other;
  if (!s.otherDeviceSeen) {
    // Logging in on a new device: analytics.js sends an identify linking it to the user.
    s.otherDeviceSeen = true;
    s.out.at(p.t);
    s.out.identify(s.user.userId, undefined);
  }
}

export function buildHistory(w: DemoWindow, index: number): DemoUserHistory {
  const user = makeUser(w, index);
  const rng = userRng(w.seed, index, HISTORY_STREAM);
  const cal = calendarFor(w, user.locale);
  const person = makePerson(rng, user, w.seed, new Date(w.end).getUTCFullYear());
  const home = newDevice(rng, user.locale, user.anonymousId);
  const last = w.end - 1;
  const out = new MessageWriter(w.seed, index, home, w.start, last);
  const s = new Shopper(user, rng, cal, person, out, w.seed);
  const plan = planSessions(user, rng, cal, w);
  if (rng.chance(0.15)) {
    s.addDevice(rng);
    s.switchAt = cal.sample(rng, user.signupAt, last);
  }
  for (const p of plan) {
    flushRefunds(s, p.t, last);
    chooseDevice(s, p, home);
    switch (p.kind) {
      case 'anon':
      case 'browse':
        browseSession(s, p.t);
        break;
      case 'signup':
        signupSession(s, p.t);
        break;
      case 'buy':
        buySession(s, p.t);
        break;
      case 'ask':
        askSession(s, p.t);
        break;
      case 'profile':
        profileSession(s, p.t);
        break;
      default:
        p.kind satisfies never;
    }
  }
  flushRefunds(s, last, last);
  return { user, messages: out.messages };
}

function bound(v: number, users: number, name: string): number {
  if (!Number.isSafeInteger(v)) throw invalid('invalid_demo_range', `${name} must be an integer`);
  return Math.min(Math.max(v, 0), users);
}

/**
 * The histories of users [from, to), clamped to [0, users). Each user is generated from its
 * own seed, so ranges can be produced in parallel or resumed, in constant memory, and always
 * match the same slice of a full run byte for byte. Options are checked before the first yield.
 */
export function demoHistories(opts: DemoOptions, from = 0, to?: number): Generator<DemoUserHistory> {
  const w = resolveOptions(opts);
  const lo = bound(from, w.users, 'from');
  const hi = bound(to ?? w.users, w.users, 'to');
  return (function* () {
    for (let i = lo; i < hi; i++) yield buildHistory(w, i);
  })();
}
