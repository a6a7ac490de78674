import { describe, expect, it } from 'vitest';
import { normalizeEmail, normalizePhone } from '../core/normalize.js';
import { demoHistories } from './history.js';
import type { DemoOptions } from './options.js';
import type { Traits } from './traits.js';

const OPTS: DemoOptions = { seed: 8, users: 4000 };
const CJK = /^[\u4e00-\u9fff]+$/;

interface Signup {
  locale: 'zh-CN' | 'en-US';
  traits: Traits;
}
const signups: Signup[] = [];
const laterTraits: Record<string, unknown>[] = [];
for (const h of demoHistories(OPTS)) {
  const identifies = h.messages.filter((m) => m.type === 'identify' && m.traits !== undefined);
  signups.push({ locale: h.user.locale, traits: identifies[0]?.traits as Traits });
  for (const m of identifies.slice(1)) laterTraits.push(m.traits as Record<string, unknown>);
}
const zh = signups.filter((s) => s.locale === 'zh-CN').map((s) => s.traits);
const en = signups.filter((s) => s.locale === 'en-US').map((s) => s.traits);
const share = <T>(xs: readonly T[], f: (x: T) => boolean): number => xs.filter(f).length / xs.length;

describe('zh-CN users', () => {
  it('have Chinese names and cities', () => {
    for (const t of zh) {
      expect(t.name).toMatch(CJK);
      expect(t.name.length).toBeGreaterThanOrEqual(2);
      expect(t.name.length).toBeLessThanOrEqual(3);
      expect(t.city).toMatch(CJK);
      expect(t.locale).toBe('zh-CN');
    }
  });

  it('have valid Chinese mobile numbers written in many ways, often without a country code', () => {
    const phones = zh.flatMap((t) => (t.phone === undefined ? [] : [t.phone]));
    expect(phones.length / zh.length).toBeGreaterThan(0.9);
    for (const p of phones) expect(normalizePhone(p)).toMatch(/^\+861[3-9]\d{9}$/);
    expect(share(phones, (p) => /^1\d{10}$/.test(p))).toBeGreaterThan(0.3);
    expect(share(phones, (p) => p.startsWith('+86'))).toBeGreaterThan(0.2);
    expect(share(phones, (p) => /[ -]/.test(p))).toBeGreaterThan(0.1);
  });
});

describe('en-US users', () => {
  it('have English names and US phone numbers', () => {
    for (const t of en) {
      expect(t.name).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
      expect(t.city).toMatch(/^[A-Z][A-Za-z ]+$/);
      if (t.phone !== undefined) expect(normalizePhone(t.phone, 'US')).toMatch(/^\+1\d{10}$/);
    }
    expect(en.length / signups.length).toBeGreaterThan(0.26);
    expect(en.length / signups.length).toBeLessThan(0.34);
  });
});

describe('all users', () => {
  it('have emails that normalise, some typed in upper case or with spaces, and never shared', () => {
    const emails = signups.flatMap((s) => (s.traits.email === undefined ? [] : [s.traits.email]));
    expect(emails.length / signups.length).toBeGreaterThan(0.8);
    const normal = emails.map((e) => normalizeEmail(e));
    for (const e of normal) expect(e).toBeDefined();
    expect(new Set(normal).size).toBe(emails.length);
    expect(share(emails, (e) => e !== e.toLowerCase())).toBeGreaterThan(0.05);
    expect(share(emails, (e) => e !== e.trim())).toBeGreaterThan(0.02);
  });

  it('have no two users with the same phone number', () => {
    const phones = signups.flatMap((s) =>
      s.traits.phone === undefined
        ? []
        : [normalizePhone(s.traits.phone, s.locale === 'zh-CN' ? 'CN' : 'US')],
    );
    expect(new Set(phones).size).toBe(phones.length);
  });

  it('have plausible birthdays, genders and a signup time', () => {
    for (const { traits: t } of signups) {
      const [y, m, d] = t.birthday.split('-').map(Number) as [number, number, number];
      expect(new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10)).toBe(t.birthday);
      expect(y).toBeGreaterThanOrEqual(2026 - 63);
      expect(y).toBeLessThanOrEqual(2026 - 18);
      if (t.gender !== undefined) expect(['female', 'male']).toContain(t.gender);
      expect(Number.isNaN(Date.parse(t.signup_at))).toBe(false);
    }
  });

  it('sometimes change their email or city in a later identify', () => {
    expect(laterTraits.length / signups.length).toBeGreaterThan(0.08);
    for (const t of laterTraits) {
      expect(Object.keys(t)).toHaveLength(1);
      expect(['email', 'city']).toContain(Object.keys(t)[0]);
    }
  });
});
