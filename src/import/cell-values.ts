import { utcTime } from '../core/utc-time.js';
import type { CellType } from './column-plan.js';

export type CellValue = string | number | boolean;

const PLAIN_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;
const ANY_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
/** Doubles hold 15 significant decimal digits exactly; longer numbers are ids, not amounts. */
const MAX_DIGITS = 15;
const TRUE = new Set(['true', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'no', 'n', '0']);

/**
 * A plain decimal number (`42`, `-3`, `19.90`) as a number; anything else — leading zeros
 * (`007`, zip codes), exponents, `+`, thousands separators, more than 15 digits (order ids,
 * phone numbers) — is not a plain number and stays text.
 */
export function plainNumber(text: string): number | undefined {
  if (!PLAIN_NUMBER.test(text)) return undefined;
  const digits = text.replace('-', '').replace('.', '').replace(/^0+/, '');
  return digits.length > MAX_DIGITS ? undefined : Number(text);
}

/** Reads one trimmed, non-empty cell as `type`; undefined when the text is not of that type. */
export function readCell(text: string, type: CellType): CellValue | undefined {
  switch (type) {
    case 'string':
      return text;
    case 'auto':
      return plainNumber(text) ?? text;
    case 'number': {
      if (!ANY_NUMBER.test(text)) return undefined;
      const n = Number(text);
      return Number.isFinite(n) ? n : undefined;
    }
    case 'boolean': {
      const v = text.toLowerCase();
      if (TRUE.has(v)) return true;
      if (FALSE.has(v)) return false;
      return undefined;
    }
  }
}

const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const EPOCH = /^(\d+)(?:\.\d+)?$/;

/**
 * A timestamp cell → epoch milliseconds, or undefined when it is not one of:
 *
 * - ISO-8601: `2024-03-01`, `2024-03-01T08:30:00Z`, `2024-03-01 08:30:00.250+08:00`. A date
 *   or time without an offset is UTC, so an import gives the same result on every server;
 *   impossible dates (`2024-02-30`) are refused rather than rolled over as `Date.parse` does.
 * - epoch seconds (9–10 integer digits, optional fraction) or milliseconds (12–13 digits):
 *   the digit count decides, so `20240301` is never read as seconds since 1970.
 */
export function parseTimestampCell(text: string): number | undefined {
  const epoch = EPOCH.exec(text);
  if (epoch) {
    const n = Number(text);
    const digits = epoch[1]!.length;
    if (digits === 9 || digits === 10) return Math.round(n * 1000);
    if (digits === 12 || digits === 13) return Math.round(n);
    return undefined;
  }
  const m = ISO_8601.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((v) =>
    Number(v ?? 0),
  ) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3));
  const local = utcTime(year, month, day, hour, minute, second, ms);
  return local - offsetMs(m[8]);
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function offsetMs(zone: string | undefined): number {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2, 4) || '0');
  return sign * (hours * 60 + minutes) * 60_000;
}
