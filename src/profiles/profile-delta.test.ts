import { describe, expect, it } from 'vitest';
import type { EventRecord } from '../ingest/event-record.js';
import { computedTraits } from '../services/profiles/profile-view.js';
import { emptyDelta, foldEvent, mergeInto, type ProfileDelta, trimRecent } from './profile-delta.js';
import { DEFAULT_PROFILE_SETTINGS } from './settings.js';

const ev = (i: number, over: Partial<EventRecord>): EventRecord => ({
  workspaceId: 'w',
  messageId: `m${i}`,
  type: 'track',
  event: 'Product Viewed',
  userId: 'u',
  anonymousId: '',
  groupId: '',
  previousId: '',
  profileId: 'p',
  timestamp: 1_700_000_000_000 + i * 86_400_000,
  originalTimestamp: 0,
  sentAt: 0,
  receivedAt: 0,
  properties: '{}',
  traits: '{}',
  context: '{}',
  ...over,
});

const events: EventRecord[] = [
  ev(0, { type: 'identify', traits: JSON.stringify({ email: 'A@X.COM', city: '上海' }) }),
  ev(1, { properties: JSON.stringify({ category: 'shoes' }) }),
  ev(2, {
    event: 'Order Completed',
    properties: JSON.stringify({ revenue: 100, products: [{ category: 'shoes' }, { category: 'bags' }] }),
  }),
  ev(3, { type: 'identify', userId: 'u2', traits: JSON.stringify({ city: '北京' }) }),
  ev(4, { event: 'Order Completed', properties: JSON.stringify({ total: '50.5' }) }),
  ev(5, { event: 'Order Refunded', properties: JSON.stringify({ total: 20 }) }),
  ev(6, {
    type: 'identify',
    traits: JSON.stringify({ city: '深圳' }),
    timestamp: 1_700_000_000_000 + 3 * 86_400_000,
  }), // same time as ev 3
];

const fold = (list: EventRecord[]) => {
  const d = emptyDelta('w', 'p');
  for (const e of list) foldEvent(d, e, DEFAULT_PROFILE_SETTINGS);
  return d;
};
// Rows are normalised (trimRecent) before they are stored; compare them in that form.
const view = (d: ProfileDelta) => {
  trimRecent(d);
  return { ...d, activeDays: [...d.activeDays].sort(), recent: d.recent.map((r) => r.id) };
};

describe('profile folding', () => {
  it('computes the built-in traits', () => {
    const d = fold(events);
    expect(d.traits.email?.[0]).toBe('a@x.com');
    expect(d.orderCount).toBe(2);
    expect(d.totalSpend).toBe(150.5);
    expect(d.refundCount).toBe(1);
    expect(d.refundTotal).toBe(20);
    expect(d.categories).toEqual({ shoes: 2, bags: 1 });
    expect(d.activeDays.size).toBe(6);
    expect(d.userId).toBe('u'); // the user id of the newest event that carried one
  });

  it('gives the same profile for any order of events, and any split into merged parts', () => {
    const expected = view(fold(events));
    for (let seed = 1; seed <= 20; seed++) {
      const shuffled = [...events].sort(
        (a, b) => ((a.messageId.charCodeAt(1) * seed) % 7) - ((b.messageId.charCodeAt(1) * seed) % 7),
      );
      expect(view(fold(shuffled))).toEqual(expected);
      const cut = seed % events.length;
      const a = fold(shuffled.slice(0, cut));
      const b = fold(shuffled.slice(cut));
      const ab = fold([]);
      mergeInto(ab, b);
      mergeInto(ab, a);
      expect(view(ab)).toEqual(expected);
    }
  });

  it("reads a phone without country code in the event's locale region, else the workspace's", () => {
    const us = fold([
      ev(0, { type: 'identify', traits: '{"phone":"(415) 555-2671"}', context: '{"locale":"en-US"}' }),
    ]);
    expect(us.traits.phone?.[0]).toBe('+14155552671');
    const cn = fold([
      ev(0, { type: 'identify', traits: '{"phone":"138 1234 5678"}', context: '{"locale":"fr"}' }),
    ]);
    expect(cn.traits.phone?.[0]).toBe('+8613812345678');
  });

  it('ties on event time resolve the same way whatever the order', () => {
    expect(fold(events).traits.city?.[0]).toBe('深圳'); // '深圳' > '北京' in JSON order, both at the same time
  });
});

describe('active days on the workspace calendar', () => {
  it('counts days where the workspace lives, and the profile view reads them the same way', () => {
    const shanghai = { ...DEFAULT_PROFILE_SETTINGS, timeZone: 'Asia/Shanghai' };
    // 23:30 on 10 May and 00:30 on 11 May in Shanghai; both on 10 May in UTC.
    const times = [Date.parse('2026-05-10T15:30:00Z'), Date.parse('2026-05-10T16:30:00Z')];
    const local = emptyDelta('w', 'p');
    const utc = emptyDelta('w', 'p');
    for (const [i, timestamp] of times.entries()) {
      foldEvent(local, ev(i, { timestamp }), shanghai);
      foldEvent(utc, ev(i, { timestamp }), DEFAULT_PROFILE_SETTINGS);
    }
    expect(local.activeDays.size).toBe(2);
    expect(utc.activeDays.size).toBe(1);
    const row = { active_days: [...local.activeDays] };
    // The last 30 days are today and the 29 before on the Shanghai calendar: at 02:00 on
    // 8 June they start on 10 May, on 9 June on 11 May, on 10 June on 12 May.
    const at = (iso: string) => computedTraits(row, Date.parse(iso), 'Asia/Shanghai').activeDays30;
    expect(at('2026-06-07T18:00:00Z')).toBe(2);
    expect(at('2026-06-08T18:00:00Z')).toBe(1);
    expect(at('2026-06-09T18:00:00Z')).toBe(0);
  });
});

describe('hostile keys and amounts', () => {
  it('keeps __proto__ and constructor as ordinary trait and category names', () => {
    const d = fold([
      ev(0, { type: 'identify', traits: '{"__proto__":{"admin":true},"constructor":"c","toString":1}' }),
      ev(1, { properties: JSON.stringify({ category: 'constructor' }) }),
      ev(2, { properties: JSON.stringify({ category: '__proto__' }) }),
      ev(3, { properties: JSON.stringify({ category: '__proto__' }) }),
    ]);
    expect(Object.keys(d.traits).sort()).toEqual(['__proto__', 'constructor', 'toString']);
    expect(Object.entries(d.traits).find(([k]) => k === '__proto__')?.[1][0]).toEqual({ admin: true });
    expect({ ...d.categories }).toEqual({ constructor: 1, ['__proto__']: 2 });
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    const merged = emptyDelta('w', 'p');
    mergeInto(merged, d);
    expect(JSON.stringify(merged.categories)).toBe('{"constructor":1,"__proto__":2}');
  });

  it('ignores order amounts no shop could take, so sums stay finite', () => {
    const d = fold([
      ev(0, { event: 'Order Completed', properties: '{"revenue":1e308}' }),
      ev(1, { event: 'Order Completed', properties: '{"revenue":1e308}' }),
      ev(2, { event: 'Order Completed', properties: '{"revenue":"1e400"}' }),
      ev(3, { event: 'Order Completed', properties: '{"revenue":25}' }),
    ]);
    expect(d.orderCount).toBe(4);
    expect(d.totalSpend).toBe(25);
  });
});
