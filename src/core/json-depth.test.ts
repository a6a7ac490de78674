import { describe, expect, it } from 'vitest';
import { nestsDeeperThan, valueNestsDeeperThan } from './json-depth.js';

const nested = (levels: number) => `${'{"a":'.repeat(levels - 1)}{}${'}'.repeat(levels - 1)}`;

describe('nestsDeeperThan', () => {
  it('counts objects and arrays', () => {
    expect(nestsDeeperThan(nested(3), 3)).toBe(false);
    expect(nestsDeeperThan(nested(4), 3)).toBe(true);
    expect(nestsDeeperThan('[[[[1]]]]', 3)).toBe(true);
    expect(nestsDeeperThan('[[[1]],[[2]]]', 3)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(nestsDeeperThan(JSON.stringify({ a: '[[[[[[[[{{{{{{' }), 2)).toBe(false);
    expect(nestsDeeperThan(JSON.stringify({ a: 'say \\"[[[[[[[[[[' }), 2)).toBe(false);
    expect(nestsDeeperThan(JSON.stringify({ a: '"', b: [[[[1]]]] }), 3)).toBe(true);
  });

  it('holds at the default limit of 64 levels', () => {
    expect(nestsDeeperThan(nested(64))).toBe(false);
    expect(nestsDeeperThan(nested(65))).toBe(true);
    expect(nestsDeeperThan(nested(100_000))).toBe(true);
  });
});

describe('valueNestsDeeperThan', () => {
  const deepValue = (levels: number) => {
    let v: unknown = 1;
    for (let i = 0; i < levels; i++) v = i % 2 ? { a: v } : [v];
    return v;
  };

  it('agrees with the text scan', () => {
    for (const levels of [1, 2, 3, 4, 10]) {
      const v = deepValue(levels);
      expect(valueNestsDeeperThan(v, 3)).toBe(nestsDeeperThan(JSON.stringify(v), 3));
    }
    expect(valueNestsDeeperThan('scalar', 0)).toBe(false);
  });

  it('answers for values too deep to stringify', () => {
    expect(valueNestsDeeperThan(deepValue(200_000))).toBe(true);
    expect(valueNestsDeeperThan({ wide: Array.from({ length: 10_000 }, (_, i) => ({ i })) })).toBe(false);
  });
});
