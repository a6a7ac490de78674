import { describe, expect, it } from 'vitest';
import { calendarFor } from './calendar.js';
import { demoHistories } from './history.js';
import { DAY, HOUR, resolveOptions } from './options.js';
import { userRng } from './prng.js';

const W = resolveOptions({ seed: 1, users: 1 });
const zh = calendarFor(W, 'zh-CN');
const en = calendarFor(W, 'en-US');
const dayNo = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / DAY;
const median = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/** How many of `n` draws fall on each local day. */
function histogram(cal: typeof zh, n: number): Map<number, number> {
  const rng = userRng(99, 0, 0);
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const d = cal.localDay(cal.sample(rng, W.start, W.end));
    counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  return counts;
}

describe('LocaleCalendar', () => {
  const zhDays = histogram(zh, 300_000);
  const enDays = histogram(en, 300_000);
  const zhMedian = median([...zhDays.values()]);
  const enMedian = median([...enDays.values()]);

  it('peaks on 双11 and 618 and dips around Spring Festival for zh-CN shoppers', () => {
    expect(zhDays.get(dayNo(2025, 11, 11)) ?? 0).toBeGreaterThan(3.5 * zhMedian);
    expect(zhDays.get(dayNo(2026, 6, 18)) ?? 0).toBeGreaterThan(2.5 * zhMedian);
    const festival = [-3, -2, -1, 0, 1, 2, 3].map((k) => zhDays.get(dayNo(2026, 2, 17) + k) ?? 0);
    expect(Math.max(...festival)).toBeLessThan(0.7 * zhMedian);
  });

  it('peaks before Christmas and on Black Friday for en-US shoppers, with a smaller 双11', () => {
    expect(enDays.get(dayNo(2025, 12, 20)) ?? 0).toBeGreaterThan(1.8 * enMedian);
    expect(enDays.get(dayNo(2025, 11, 28)) ?? 0).toBeGreaterThan(2.5 * enMedian);
    const d11 = enDays.get(dayNo(2025, 11, 11)) ?? 0;
    expect(d11).toBeGreaterThan(1.3 * enMedian);
    expect(d11 / enMedian).toBeLessThan((zhDays.get(dayNo(2025, 11, 11)) ?? 0) / zhMedian);
  });

  it('is busier on weekends and in the evening, in local time', () => {
    const rng = userRng(5, 0, 0);
    const weekday = [0, 0, 0, 0, 0, 0, 0];
    const hours = new Array<number>(24).fill(0);
    for (let i = 0; i < 200_000; i++) {
      const local = zh.sample(rng, W.start, W.end) + 8 * HOUR;
      const d = new Date(local);
      weekday[d.getUTCDay()] = (weekday[d.getUTCDay()] ?? 0) + 1;
      hours[d.getUTCHours()] = (hours[d.getUTCHours()] ?? 0) + 1;
    }
    expect((weekday[6] ?? 0) / (weekday[2] ?? 1)).toBeGreaterThan(1.1);
    expect((hours[21] ?? 0) / (hours[4] ?? 1)).toBeGreaterThan(10);
  });

  it('keeps samples inside the requested span, even a span shorter than a day', () => {
    const rng = userRng(6, 0, 0);
    const a = Date.UTC(2026, 2, 3, 10, 30);
    for (let i = 0; i < 2000; i++) {
      const t = zh.sample(rng, a, a + 3 * HOUR);
      expect(t).toBeGreaterThanOrEqual(a);
      expect(t).toBeLessThanOrEqual(a + 3 * HOUR);
    }
    expect(zh.sample(rng, a, a - 1)).toBe(a);
  });

  it('knows which sale is on', () => {
    expect(zh.promotionAt(Date.UTC(2025, 10, 11, 4))?.name).toBe('双11');
    expect(en.promotionAt(Date.UTC(2025, 10, 28, 18))?.name).toBe('Black Friday');
    expect(en.promotionAt(Date.UTC(2026, 10, 27, 18))).toBeUndefined(); // after the window
    expect(zh.promotionAt(Date.UTC(2026, 3, 15))).toBeUndefined();
  });
});

describe('seasonality in generated orders', () => {
  it('puts far more zh-CN orders on 双11 than on an ordinary day', () => {
    const perDay = new Map<number, number>();
    for (const h of demoHistories({ seed: 2, users: 8000 })) {
      if (h.user.locale !== 'zh-CN') continue;
      for (const m of h.messages) {
        if (m.event !== 'Order Completed') continue;
        const d = zh.localDay(Date.parse(String(m.timestamp)));
        perDay.set(d, (perDay.get(d) ?? 0) + 1);
      }
    }
    const typical = median([...perDay.values()]);
    expect(perDay.get(dayNo(2025, 11, 11)) ?? 0).toBeGreaterThan(3 * typical);
    expect(perDay.get(dayNo(2026, 6, 18)) ?? 0).toBeGreaterThan(2 * typical);
  });
});
