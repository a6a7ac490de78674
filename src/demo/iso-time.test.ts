import { describe, expect, it } from 'vitest';
import { isoTime } from './iso-time.js';
import { userRng } from './prng.js';

describe('isoTime', () => {
  it('matches Date#toISOString, including across day boundaries and on exact seconds', () => {
    const r = userRng(1, 0, 0);
    const base = Date.UTC(2025, 0, 1);
    const cases = [
      0,
      base,
      base - 1,
      base + 999,
      Date.UTC(2024, 1, 29, 23, 59, 59, 999),
      Date.UTC(2026, 10, 1),
    ];
    for (let i = 0; i < 5000; i++) cases.push(base + Math.floor(r.next() * 700 * 86_400_000));
    for (const t of cases) expect(isoTime(t)).toBe(new Date(t).toISOString());
  });
});
