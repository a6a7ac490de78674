import { describe, expect, it } from 'vitest';
import {
  canonicalTimeZone,
  isTimeZone,
  localDay,
  localDayStart,
  localMonthDay,
  offsetSpans,
  zoneOffset,
} from './time-zone.js';

const H = 3_600_000;
const DAY = 24 * H;
const t = (iso: string) => Date.parse(iso);

describe('time zones', () => {
  it('knows IANA names and refuses others', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
    expect(canonicalTimeZone('asia/shanghai')).toBe('Asia/Shanghai');
  });

  it('gives offsets, days and month-days on the local calendar', () => {
    expect(zoneOffset('Asia/Shanghai', t('2026-05-16T18:00:00Z'))).toBe(8 * H);
    expect(zoneOffset('Asia/Kathmandu', t('2026-05-16T18:00:00Z'))).toBe(5.75 * H);
    expect(zoneOffset('America/New_York', t('2026-01-15T12:00:00Z'))).toBe(-5 * H);
    expect(zoneOffset('America/New_York', t('2026-07-15T12:00:00Z'))).toBe(-4 * H);
    expect(localMonthDay('Asia/Shanghai', t('2026-05-16T18:00:00Z'))).toBe('05-17');
    expect(localMonthDay('UTC', t('2026-05-16T18:00:00Z'))).toBe('05-16');
    // 23:30 and 00:30 in Shanghai are two days; in UTC they are one.
    const a = t('2026-05-10T15:30:00Z');
    const b = t('2026-05-10T16:30:00Z');
    expect(localDay('Asia/Shanghai', b) - localDay('Asia/Shanghai', a)).toBe(1);
    expect(localDay('UTC', b)).toBe(localDay('UTC', a));
    expect(localDay('UTC', a)).toBe(Math.floor(a / DAY));
  });

  it('finds the first instant of a local day, also on a day that starts an hour late', () => {
    const day = localDay('Asia/Shanghai', t('2026-05-10T15:30:00Z'));
    expect(new Date(localDayStart('Asia/Shanghai', day)).toISOString()).toBe('2026-05-09T16:00:00.000Z');
    // Santiago skips 00:00–01:00 when summer time starts (2026-09-06): that day begins at 01:00.
    const cl = localDay('America/Santiago', t('2026-09-06T12:00:00Z'));
    expect(new Date(localDayStart('America/Santiago', cl)).toISOString()).toBe('2026-09-06T04:00:00.000Z');
    const ny = localDay('America/New_York', t('2026-03-09T12:00:00Z'));
    expect(new Date(localDayStart('America/New_York', ny)).toISOString()).toBe('2026-03-09T04:00:00.000Z');
  });

  it('lists the offsets in force over a time, split at daylight-saving changes', () => {
    expect(offsetSpans('Asia/Shanghai', t('2026-02-01T00:00:00Z'), t('2026-03-20T00:00:00Z'))).toEqual([
      { start: Number.NEGATIVE_INFINITY, offset: 8 * H },
    ]);
    expect(offsetSpans('America/New_York', t('2026-02-20T00:00:00Z'), t('2026-03-20T00:00:00Z'))).toEqual([
      { start: Number.NEGATIVE_INFINITY, offset: -5 * H },
      { start: t('2026-03-08T07:00:00Z'), offset: -4 * H },
    ]);
  });
});
