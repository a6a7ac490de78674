import { invalid } from '../core/errors.js';

export interface DemoOptions {
  seed: number;
  users: number;
  /** Length of the simulated history; default 12. */
  months?: number;
  /** Epoch ms at which the history ends; fixed by default so output never depends on the clock. */
  end?: number;
}

export const DEFAULT_END = Date.UTC(2026, 10, 1);
export const DEFAULT_MONTHS = 12;

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** Validated options plus the time window every message falls in: [start, end]. */
export interface DemoWindow {
  seed: number;
  users: number;
  start: number;
  end: number;
}

/** Throws `invalid` (a ServiceError) so the CLI and HTTP edges report bad options uniformly. */
export function resolveOptions(opts: DemoOptions): DemoWindow {
  const { seed, users } = opts;
  const months = opts.months ?? DEFAULT_MONTHS;
  const end = opts.end ?? DEFAULT_END;
  if (!Number.isSafeInteger(seed)) throw invalid('invalid_demo_seed', 'seed must be an integer');
  if (!Number.isSafeInteger(users) || users < 0) {
    throw invalid('invalid_demo_users', 'users must be a non-negative integer');
  }
  if (!Number.isInteger(months) || months < 1 || months > 120) {
    throw invalid('invalid_demo_months', 'months must be an integer between 1 and 120');
  }
  if (!Number.isSafeInteger(end)) throw invalid('invalid_demo_end', 'end must be epoch milliseconds');
  const d = new Date(end);
  d.setUTCMonth(d.getUTCMonth() - months);
  return { seed, users, start: d.getTime(), end };
}

export function checkIndex(w: DemoWindow, index: number): void {
  if (!Number.isSafeInteger(index) || index < 0 || index >= w.users) {
    throw invalid('invalid_demo_index', `user index must be an integer in [0, ${w.users})`);
  }
}
