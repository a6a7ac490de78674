import { describe, expect, it } from 'vitest';
import { BY_CATEGORY, CATALOG, CATEGORIES, SEARCH_TERMS } from './catalog.js';

describe('CATALOG', () => {
  it('has 200 products with unique ids, 20 in each of the 10 categories', () => {
    expect(CATALOG).toHaveLength(200);
    expect(new Set(CATALOG.map((p) => p.id)).size).toBe(200);
    for (const c of CATEGORIES) expect(CATALOG.filter((p) => p.category === c)).toHaveLength(20);
  });

  it('names every product in English and Chinese and prices it in whole or .9 yuan', () => {
    for (const p of CATALOG) {
      expect(p.name.en).toMatch(/^[A-Za-z][A-Za-z0-9' -]+$/);
      expect(p.name.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(p.price).toBeGreaterThan(0);
      expect(Math.round(p.price * 10)).toBeCloseTo(p.price * 10, 6);
    }
  });

  it('lists each category cheapest first', () => {
    for (const c of CATEGORIES) {
      const prices = BY_CATEGORY[c].map((p) => p.price);
      expect(prices).toEqual([...prices].sort((a, b) => a - b));
      expect(SEARCH_TERMS[c].zh.length).toBe(10);
    }
  });

  it('is frozen, so no caller can change the shop for everyone else', () => {
    expect(Object.isFrozen(CATALOG)).toBe(true);
    expect(Object.isFrozen(CATALOG[0])).toBe(true);
  });
});
