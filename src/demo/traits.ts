import type { Locale } from './holidays.js';
import {
  CN_MOBILE_PREFIXES,
  EN_CITIES,
  EN_EMAIL_DOMAINS,
  EN_FIRST_FEMALE,
  EN_FIRST_MALE,
  EN_LAST,
  US_AREA_CODES,
  ZH_CITIES,
  ZH_EMAIL_DOMAINS,
  ZH_GIVEN_FEMALE,
  ZH_GIVEN_MALE,
  ZH_SURNAMES,
} from './names.js';
import type { Rng } from './prng.js';

export type Gender = 'female' | 'male';

/** The identify traits of one person, in the order they are sent. */
export interface Traits {
  name: string;
  email?: string;
  phone?: string;
  gender?: Gender;
  birthday: string;
  city: string;
  locale: Locale;
  signup_at: string;
}

export interface NameParts {
  name: string;
  /** Latin-letter pieces (pinyin for Chinese names) for the email's local part. */
  given: string;
  family: string;
}

function nameOf(rng: Rng, locale: Locale, gender: Gender): NameParts {
  if (locale === 'zh-CN') {
    const [sur, surPy] = rng.pick(ZH_SURNAMES);
    const [given, givenPy] = rng.pick(gender === 'female' ? ZH_GIVEN_FEMALE : ZH_GIVEN_MALE);
    return { name: sur + given, given: givenPy, family: surPy };
  }
  const first = rng.pick(gender === 'female' ? EN_FIRST_FEMALE : EN_FIRST_MALE);
  const last = rng.pick(EN_LAST);
  return { name: `${first} ${last}`, given: first.toLowerCase(), family: last.toLowerCase() };
}

/**
 * The local part is letters followed by the user number, so two users can never share an
 * address: a shared email would make ingest merge two people and blur the hidden personas.
 */
function emailOf(rng: Rng, locale: Locale, n: NameParts, index: number): string {
  const id = String(index + 1);
  const domain = rng.pick(locale === 'zh-CN' ? ZH_EMAIL_DOMAINS : EN_EMAIL_DOMAINS);
  let local: string;
  const style = rng.int(0, 3);
  if (style === 0) local = `${n.family}${n.given}${id}`;
  else if (style === 1) local = `${n.given}.${n.family}${id}`;
  else if (style === 2) local = `${n.given[0] ?? ''}${n.family}_${id}`;
  else local = domain === 'qq.com' ? String(10_000_000 + index) : `${n.given}${id}`;
  let email = `${local}@${domain}`;
  // People type their address however they like; ingest must normalise it.
  const r = rng.next();
  if (r < 0.05) email = email.toUpperCase();
  else if (r < 0.12)
    email = email.replace(/^./, (c) => c.toUpperCase()).replace(/@./, (c) => c.toUpperCase());
  if (rng.chance(0.06)) email = rng.chance(0.5) ? ` ${email} ` : `${email} `;
  return email;
}

/**
 * The subscriber part is a bijection of the user number (odd multiplier, coprime to the
 * modulus), so phone numbers are unique for the same reason emails are.
 */
function phoneOf(rng: Rng, locale: Locale, index: number, seed: number): string {
  const shift = (seed >>> 0) % 1_000_000;
  if (locale === 'zh-CN') {
    const body = String((index * 48_271 + shift) % 100_000_000).padStart(8, '0');
    const d = rng.pick(CN_MOBILE_PREFIXES) + body;
    const spaced = `${d.slice(0, 3)} ${d.slice(3, 7)} ${d.slice(7)}`;
    const r = rng.next();
    if (r < 0.45) return d;
    if (r < 0.65) return `+86${d}`;
    if (r < 0.75) return `+86 ${spaced}`;
    if (r < 0.83) return spaced.replaceAll(' ', '-');
    if (r < 0.9) return spaced;
    if (r < 0.95) return `0086${d}`;
    return `+86-${d}`;
  }
  const s = (index * 48_271 + shift) % 8_000_000;
  const area = rng.pick(US_AREA_CODES);
  const exchange = String(200 + Math.floor(s / 10_000));
  const line = String(s % 10_000).padStart(4, '0');
  const r = rng.next();
  if (r < 0.35) return `(${area}) ${exchange}-${line}`;
  if (r < 0.6) return `${area}-${exchange}-${line}`;
  if (r < 0.85) return `+1 ${area}-${exchange}-${line}`;
  return `+1${area}${exchange}${line}`;
}

function birthdayOf(rng: Rng, endYear: number): string {
  const age = 18 + Math.floor(rng.next() ** 1.6 * 45);
  const m = String(rng.int(1, 12)).padStart(2, '0');
  const d = String(rng.int(1, 28)).padStart(2, '0');
  return `${endYear - age}-${m}-${d}`;
}

export interface Person {
  traits: Traits;
  parts: NameParts;
}

export function makePerson(
  rng: Rng,
  u: { index: number; locale: Locale; signupAt: number },
  seed: number,
  endYear: number,
): Person {
  const gender: Gender = rng.chance(0.52) ? 'female' : 'male';
  const parts = nameOf(rng, u.locale, gender);
  const zh = u.locale === 'zh-CN';
  // Chinese shops sign people up by phone; US shoppers by email.
  const email = rng.chance(zh ? 0.8 : 0.97) ? emailOf(rng, u.locale, parts, u.index) : undefined;
  const phone = rng.chance(zh ? 0.95 : 0.7) ? phoneOf(rng, u.locale, u.index, seed) : undefined;
  const traits: Traits = {
    name: parts.name,
    ...(email === undefined ? {} : { email }),
    ...(phone === undefined ? {} : { phone }),
    ...(rng.chance(0.96) ? { gender } : {}),
    birthday: birthdayOf(rng, endYear),
    city: rng.pick(zh ? ZH_CITIES : EN_CITIES),
    locale: u.locale,
    signup_at: new Date(u.signupAt).toISOString(),
  };
  return { traits, parts };
}

/** Traits sent by a later identify: the person moved, or changed email address. */
export function changedTraits(rng: Rng, u: { index: number; locale: Locale }, p: Person): Partial<Traits> {
  if (rng.chance(0.5)) {
    const cities = u.locale === 'zh-CN' ? ZH_CITIES : EN_CITIES;
    let city = rng.pick(cities);
    while (city === p.traits.city) city = rng.pick(cities);
    p.traits.city = city;
    return { city };
  }
  let email = emailOf(rng, u.locale, p.parts, u.index);
  for (let i = 0; i < 8 && email.trim().toLowerCase() === p.traits.email?.trim().toLowerCase(); i++) {
    email = emailOf(rng, u.locale, p.parts, u.index);
  }
  p.traits.email = email;
  return { email };
}
