import { describe, expect, it } from 'vitest';
import { usableId } from '../core/ids.js';
import { acceptMessage, isRejection } from '../ingest/accept-message.js';
import { demoHistories } from './history.js';
import type { DemoMessage } from './message-writer.js';
import { type DemoOptions, resolveOptions } from './options.js';
import { demoUser } from './user.js';

const OPTS: DemoOptions = { seed: 5, users: 3000 };
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const json = (opts: DemoOptions, from?: number, to?: number): string[] =>
  [...demoHistories(opts, from, to)].map((h) => JSON.stringify(h));

/** Problems with one message under the Segment spec, as Tailor's ingest reads it. */
function problems(m: DemoMessage, start: number, end: number): string[] {
  const out: string[] = [];
  if (!['identify', 'track', 'page'].includes(String(m.type))) out.push(`type ${String(m.type)}`);
  if (!usableId(m.userId) && !usableId(m.anonymousId)) out.push('no usable id');
  if (typeof m.messageId !== 'string' || m.messageId === '') out.push('no messageId');
  const ts = m.timestamp;
  if (typeof ts !== 'string' || !ISO.test(ts)) out.push(`timestamp ${String(ts)}`);
  const t = Date.parse(String(ts));
  if (!(t >= start && t <= end)) out.push(`timestamp ${String(ts)} outside the window`);
  if (m.type === 'track' && (typeof m.event !== 'string' || m.event.trim() === ''))
    out.push('track without event');
  if (m.type === 'page' && typeof m.name !== 'string') out.push('page without name');
  if (m.type === 'identify' && !usableId(m.userId)) out.push('identify without userId');
  const ctx = m.context as { library?: { name?: string } } | undefined;
  if (ctx?.library?.name !== 'tailor-demo') out.push('context.library missing');
  const accepted = acceptMessage(m, { workspaceId: 'w', receivedAt: end, defaults: {} });
  if (isRejection(accepted)) out.push(`ingest rejects it: ${accepted.code}`);
  return out;
}

describe('demoHistories', () => {
  it('is byte-identical for the same seed and differs for another seed', () => {
    const a = json({ seed: 9, users: 300 });
    expect(json({ seed: 9, users: 300 })).toEqual(a);
    const b = json({ seed: 10, users: 300 });
    expect(b).toHaveLength(300);
    expect(b.filter((x, i) => x === a[i])).toHaveLength(0);
  });

  it('produces any range of users exactly as the same slice of a full run', () => {
    const full = json(OPTS, 0, 400);
    expect(json(OPTS, 137, 251)).toEqual(full.slice(137, 251));
    expect(json(OPTS, 399, 400)).toEqual(full.slice(399));
    expect(json({ seed: 5, users: 10 }, 8, 99)).toHaveLength(2);
    expect(json(OPTS, 50, 50)).toEqual([]);
  });

  it('describes the same user as demoUser', () => {
    let i = 0;
    for (const h of demoHistories(OPTS, 0, 100)) expect(h.user).toEqual(demoUser(OPTS, i++));
  });

  it('checks its options before the first user is generated', () => {
    expect(() => demoHistories({ seed: 1, users: 10 }, 0.5)).toThrow(/from/);
    expect(() => demoHistories({ seed: Number.NaN, users: 10 })).toThrow(/seed/);
  });

  it.each([
    ['the default year', OPTS],
    ['one month', { seed: 3, users: 600, months: 1 }],
    ['three months ending mid-day', { seed: 4, users: 600, months: 3, end: Date.UTC(2025, 5, 20, 13, 7) }],
    ['two years', { seed: 6, users: 600, months: 24 }],
  ])('writes only valid Segment messages, in time order, inside the window (%s)', (_, opts) => {
    const { start, end } = resolveOptions(opts);
    const ids = new Set<string>();
    let count = 0;
    for (const h of demoHistories(opts)) {
      let prev = start;
      for (const m of h.messages) {
        const found = problems(m, start, end);
        if (found.length > 0) expect.fail(`${JSON.stringify(m)}: ${found.join(', ')}`);
        const t = Date.parse(String(m.timestamp));
        expect(t).toBeGreaterThanOrEqual(prev);
        prev = t;
        ids.add(String(m.messageId));
        count++;
      }
    }
    expect(ids.size).toBe(count);
  });

  it('starts anonymous, identifies at signup with full traits, then sends the userId', () => {
    for (const h of demoHistories(OPTS, 0, 500)) {
      const first = h.messages.findIndex((m) => m.type === 'identify');
      expect(first).toBeGreaterThanOrEqual(0);
      const signup = h.messages[first] as DemoMessage;
      expect(Date.parse(String(signup.timestamp))).toBe(h.user.signupAt);
      expect(signup).toMatchObject({ userId: h.user.userId, anonymousId: h.user.anonymousId });
      const traits = signup.traits as Record<string, unknown>;
      expect(Object.keys(traits)).toEqual(
        expect.arrayContaining(['name', 'birthday', 'city', 'locale', 'signup_at']),
      );
      expect(traits.birthday).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(traits.locale).toBe(h.user.locale);
      for (const m of h.messages.slice(0, first)) {
        expect(m.userId).toBeUndefined();
        expect(m.anonymousId).toBe(h.user.anonymousId);
        expect(['page', 'Product Viewed', 'Products Searched']).toContain(
          m.type === 'page' ? 'page' : m.event,
        );
      }
      for (const m of h.messages.slice(first)) expect(m.userId).toBe(h.user.userId);
    }
  });

  it('keeps the anonymousId on most logged-in events and sometimes adds a second device or new traits', () => {
    let withHome = 0;
    let loggedIn = 0;
    let devices = 0;
    let changes = 0;
    for (const h of demoHistories(OPTS)) {
      const anon = new Set<unknown>();
      let identifies = 0;
      for (const m of h.messages) {
        if (m.userId === undefined) continue;
        loggedIn++;
        if (m.anonymousId === h.user.anonymousId) withHome++;
        if (m.anonymousId !== undefined) anon.add(m.anonymousId);
        if (m.type === 'identify' && m.traits !== undefined) identifies++;
      }
      if (anon.size > 1) devices++;
      if (identifies > 1) changes++;
    }
    expect(withHome / loggedIn).toBeGreaterThan(0.8);
    expect(devices / OPTS.users).toBeGreaterThan(0.03);
    expect(changes / OPTS.users).toBeGreaterThan(0.05);
  });
});
