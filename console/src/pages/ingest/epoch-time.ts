import { EMPTY } from '../../i18n/format.js';

/**
 * A time of a set-aside event's record (epoch milliseconds, as accepted): ISO when a date can
 * show it, else the number itself, since the value a store refused may be one no date can hold
 * (`1e30`). 0 means the client gave none.
 */
export function epochTime(ms: number): string {
  if (ms === 0) return EMPTY;
  const date = new Date(ms);
  return Number.isFinite(date.getTime()) ? date.toISOString() : String(ms);
}
