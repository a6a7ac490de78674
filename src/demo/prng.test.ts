import { describe, expect, it } from 'vitest';
import { type Rng, userRng } from './prng.js';

const draws = (r: Rng, n: number): number[] => Array.from({ length: n }, () => r.uint32());

describe('userRng', () => {
  it('gives the same sequence for the same (seed, index, stream)', () => {
    expect(draws(userRng(1, 2, 0), 50)).toEqual(draws(userRng(1, 2, 0), 50));
  });

  it('gives different sequences when any of seed, index or stream changes', () => {
    const base = draws(userRng(1, 2, 0), 8);
    for (const r of [userRng(2, 2, 0), userRng(1, 3, 0), userRng(1, 2, 1), userRng(1 + 2 ** 32, 2, 0)]) {
      expect(draws(r, 8)).not.toEqual(base);
    }
  });

  it('keeps neighbouring users uncorrelated', () => {
    // First draws of consecutive indexes must look uniform, or personas would cluster by index.
    const firsts = Array.from({ length: 10_000 }, (_, i) => userRng(7, i, 0).next());
    const mean = firsts.reduce((s, x) => s + x, 0) / firsts.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
    const buckets = new Array<number>(10).fill(0);
    for (const x of firsts) buckets[Math.floor(x * 10)] = (buckets[Math.floor(x * 10)] ?? 0) + 1;
    for (const b of buckets) expect(b).toBeGreaterThan(850);
  });
});

describe('Rng helpers', () => {
  it('keeps int and range inside their bounds and reaches both ends of int', () => {
    const r = userRng(3, 0, 0);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const n = r.int(2, 5);
      expect(n).toBeGreaterThanOrEqual(2);
      expect(n).toBeLessThanOrEqual(5);
      seen.add(n);
      const x = r.range(-1, 1);
      expect(x).toBeGreaterThanOrEqual(-1);
      expect(x).toBeLessThan(1);
    }
    expect([...seen].sort()).toEqual([2, 3, 4, 5]);
  });

  it('draws weighted indexes in proportion and never picks a zero weight', () => {
    const r = userRng(4, 0, 0);
    const counts = [0, 0, 0];
    for (let i = 0; i < 10_000; i++) {
      const k = r.weighted([1, 0, 3]);
      counts[k] = (counts[k] ?? 0) + 1;
    }
    expect(counts[1]).toBe(0);
    expect((counts[2] ?? 0) / (counts[0] ?? 1)).toBeGreaterThan(2.5);
  });

  it('formats hex of the requested length', () => {
    expect(userRng(5, 0, 0).hex(32)).toMatch(/^[0-9a-f]{32}$/);
  });

  it('refuses to pick from an empty list', () => {
    expect(() => userRng(5, 0, 0).pick([])).toThrow(RangeError);
  });
});
