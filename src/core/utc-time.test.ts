import { describe, expect, it } from 'vitest';
import { utcTime } from './utc-time.js';

describe('utcTime', () => {
  it('keeps years below 100 as written', () => {
    expect(new Date(utcTime(1, 1, 1)).toISOString()).toBe('0001-01-01T00:00:00.000Z');
    expect(new Date(utcTime(99, 12, 31, 23, 59, 59, 999)).toISOString()).toBe('0099-12-31T23:59:59.999Z');
  });

  it('agrees with Date.UTC from year 100 on', () => {
    expect(utcTime(2024, 2, 29, 12, 30)).toBe(Date.UTC(2024, 1, 29, 12, 30));
    expect(utcTime(100, 1, 1)).toBe(Date.UTC(100, 0, 1));
  });
});
