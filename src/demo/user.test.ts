import { describe, expect, it } from 'vitest';
import { ServiceError } from '../core/errors.js';
import { DAY, resolveOptions } from './options.js';
import { PERSONAS, type PersonaName } from './personas.js';
import { demoUser } from './user.js';

const OPTS = { seed: 11, users: 20_000 };

describe('demoUser', () => {
  it('is a pure function of (options, index)', () => {
    expect(demoUser(OPTS, 123)).toEqual(demoUser(OPTS, 123));
    expect(demoUser(OPTS, 123)).toEqual(demoUser({ ...OPTS, users: 500 }, 123));
    expect(demoUser({ ...OPTS, seed: 12 }, 123)).not.toEqual(demoUser(OPTS, 123));
  });

  it('gives each user a unique userId and a UUID anonymousId', () => {
    const ids = new Set<string>();
    const anon = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const u = demoUser(OPTS, i);
      ids.add(u.userId);
      anon.add(u.anonymousId);
      expect(u.anonymousId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(ids.size).toBe(2000);
    expect(anon.size).toBe(2000);
  });

  it('draws personas in their published shares and about 70% zh-CN users', () => {
    const counts = new Map<PersonaName, number>();
    let zh = 0;
    for (let i = 0; i < OPTS.users; i++) {
      const u = demoUser(OPTS, i);
      counts.set(u.persona, (counts.get(u.persona) ?? 0) + 1);
      if (u.locale === 'zh-CN') zh++;
    }
    expect(PERSONAS.reduce((s, p) => s + p.share, 0)).toBeCloseTo(1, 9);
    for (const p of PERSONAS) {
      expect(Math.abs((counts.get(p.name) ?? 0) / OPTS.users - p.share)).toBeLessThan(0.01);
    }
    expect(zh / OPTS.users).toBeGreaterThan(0.68);
    expect(zh / OPTS.users).toBeLessThan(0.72);
  });

  it('signs users up inside the window, new users within the last 30 days', () => {
    const w = resolveOptions(OPTS);
    for (let i = 0; i < 3000; i++) {
      const u = demoUser(OPTS, i);
      expect(u.signupAt).toBeGreaterThanOrEqual(w.start);
      expect(u.signupAt).toBeLessThan(w.end);
      if (u.persona === 'new_user') expect(u.signupAt).toBeGreaterThanOrEqual(w.end - 30 * DAY);
      if (u.persona === 'loyal_big_spender')
        expect(u.signupAt).toBeLessThan(w.start + 0.25 * (w.end - w.start));
    }
  });

  it('rejects bad options and indexes with an invalid ServiceError', () => {
    const bad: [number, number, number | undefined][] = [
      [1.5, 10, undefined],
      [1, -1, undefined],
      [1, 10, 0],
      [1, 10, 2.5],
    ];
    for (const [seed, users, months] of bad) {
      expect(() => demoUser({ seed, users, ...(months === undefined ? {} : { months }) }, 0)).toThrow(
        ServiceError,
      );
    }
    expect(() => demoUser({ seed: 1, users: 10 }, 10)).toThrow(/user index/);
    expect(() => demoUser({ seed: 1, users: 10 }, -1)).toThrow(ServiceError);
  });

  it('ends at a fixed date by default, never at the current time', () => {
    const w = resolveOptions({ seed: 1, users: 1 });
    expect(w.end).toBe(Date.UTC(2026, 10, 1));
    expect(w.start).toBe(Date.UTC(2025, 10, 1));
  });
});
