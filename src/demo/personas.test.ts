import { describe, expect, it } from 'vitest';
import { demoHistories } from './history.js';
import { summarize, type UserSummary } from './history-summary.js';
import { DAY, type DemoOptions, resolveOptions } from './options.js';
import type { PersonaName } from './personas.js';

// Behaviour only: these checks read the messages, the persona is used just to group users.
const OPTS: DemoOptions = { seed: 21, users: 8000 };
const { end } = resolveOptions(OPTS);
const groups = new Map<PersonaName, UserSummary[]>();
const signups = new Map<UserSummary, number>();
for (const h of demoHistories(OPTS)) {
  const s = summarize(h);
  signups.set(s, h.user.signupAt);
  const list = groups.get(h.user.persona) ?? [];
  list.push(s);
  groups.set(h.user.persona, list);
}
const of = (p: PersonaName): UserSummary[] => groups.get(p) ?? [];
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const median = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const gaps = (s: UserSummary): number[] =>
  s.orders.slice(1).map((o, i) => (o.t - (s.orders[i]?.t ?? o.t)) / DAY);
const couponShare = (p: PersonaName): number => {
  const orders = of(p).flatMap((s) => s.orders);
  return orders.filter((o) => o.coupon !== undefined).length / orders.length;
};

describe('personas leave their trace in behaviour', () => {
  it('has every persona represented', () => {
    for (const p of ['loyal_big_spender', 'frequent_asker', 'won_back', 'new_user'] as const) {
      expect(of(p).length).toBeGreaterThan(250);
    }
  });

  it('loyal big spenders order every 2–4 weeks and spend far more than anyone; browsers never buy', () => {
    const loyal = of('loyal_big_spender');
    expect(median(loyal.flatMap(gaps))).toBeGreaterThan(14);
    expect(median(loyal.flatMap(gaps))).toBeLessThan(28);
    const loyalSpend = mean(loyal.map((s) => s.spend));
    expect(loyalSpend).toBeGreaterThan(5 * mean(of('regular').map((s) => s.spend)));
    expect(mean(loyal.flatMap((s) => s.orders.map((o) => o.total)))).toBeGreaterThan(
      1.5 * mean(of('regular').flatMap((s) => s.orders.map((o) => o.total))),
    );
    for (const s of of('browser')) {
      expect(s.orders).toHaveLength(0);
      expect(s.spend).toBe(0);
    }
    expect(mean(of('browser').map((s) => s.views))).toBeGreaterThan(1);
  });

  it('bargain hunters use coupons, spend little per order and look at more products per session', () => {
    expect(couponShare('bargain_hunter')).toBeGreaterThan(0.5);
    expect(couponShare('bargain_hunter')).toBeGreaterThan(3 * couponShare('regular'));
    const aov = (p: PersonaName) => mean(of(p).flatMap((s) => s.orders.map((o) => o.total)));
    expect(aov('bargain_hunter')).toBeLessThan(0.8 * aov('regular'));
    const viewsPerSession = (p: PersonaName) => mean(of(p).map((s) => s.views / s.sessions));
    expect(viewsPerSession('bargain_hunter')).toBeGreaterThan(1.5 * viewsPerSession('regular'));
  });

  it('dormant users bought early and have done nothing for four months', () => {
    for (const s of of('dormant')) {
      expect(s.orders.length).toBeGreaterThanOrEqual(1);
      expect(s.lastAt).toBeLessThan(end - 120 * DAY);
    }
  });

  it('new users signed up in the last 30 days and have at most one order', () => {
    const orders = of('new_user').map((s) => s.orders.length);
    for (const s of of('new_user')) expect(s.firstAt).toBeGreaterThan(end - 45 * DAY);
    expect(Math.max(...orders)).toBeLessThanOrEqual(1);
    expect(mean(orders)).toBeGreaterThan(0.3);
    expect(mean(orders)).toBeLessThan(0.8);
  });

  it('frequent askers ask many support questions; hardly anyone else does', () => {
    expect(mean(of('frequent_asker').map((s) => s.questions))).toBeGreaterThan(4);
    for (const p of ['regular', 'loyal_big_spender', 'browser', 'dormant'] as const) {
      expect(mean(of(p).map((s) => s.questions))).toBeLessThan(0.3);
    }
  });

  it('won-back users went silent for 90+ days between orders and ordered again recently', () => {
    for (const s of of('won_back')) {
      const i = gaps(s).findIndex((g) => g >= 90);
      expect(i).toBeGreaterThanOrEqual(0);
      expect(s.orders.at(-1)?.t ?? 0).toBeGreaterThan(end - 60 * DAY);
    }
    // Regulars buy steadily: few have such a silence followed by a recent order.
    const lookAlike = of('regular').filter(
      (s) => gaps(s).some((g) => g >= 90) && (s.orders.at(-1)?.t ?? 0) > end - 60 * DAY,
    );
    expect(lookAlike.length / of('regular').length).toBeLessThan(0.35);
  });

  it('concentrates each user on a few categories', () => {
    const shares = [...groups.values()]
      .flat()
      .filter((s) => s.views >= 6)
      .map((s) => {
        const top = [...s.viewsByCategory.values()].sort((a, b) => b - a).slice(0, 3);
        return top.reduce((a, b) => a + b, 0) / s.views;
      });
    expect(shares.length).toBeGreaterThan(500);
    expect(mean(shares)).toBeGreaterThan(0.85);
  });

  it('varies within a persona (noise), so no two regulars look alike', () => {
    const regular = of('regular');
    const orderCounts = new Set(regular.map((s) => s.orders.length));
    expect(orderCounts.size).toBeGreaterThan(3);
    expect(new Set(regular.map((s) => Math.round(s.spend))).size).toBeGreaterThan(0.8 * regular.length);
    const signupSpread = regular.map((s) => signups.get(s) ?? 0);
    expect(Math.max(...signupSpread) - Math.min(...signupSpread)).toBeGreaterThan(200 * DAY);
  });
});
