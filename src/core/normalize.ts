import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * Email: trimmed and lower-cased. Returns undefined when the value is not an address, so a
 * trait like `email: "n/a"` never becomes a lookup key.
 */
export function normalizeEmail(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const v = raw.trim().toLowerCase();
  if (v.length > 254) return undefined;
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) ? v : undefined;
}

/**
 * Phone: E.164. Numbers without a country code are read in the workspace's default region
 * (CN unless configured): an 11-digit Chinese mobile number such as 13812345678 becomes
 * +8613812345678. Returns undefined when the value is not a valid number.
 */
export function normalizePhone(raw: unknown, defaultRegion = 'CN'): string | undefined {
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  let v = String(raw).trim();
  if (v.length === 0 || v.length > 32) return undefined;
  if (v.startsWith('00')) v = `+${v.slice(2)}`;
  // biome-ignore lint/suspicious/noExplicitAny: the region list is a string union we validate at config time.
  const parsed = parsePhoneNumberFromString(v, defaultRegion as any);
  if (!parsed?.isValid()) return undefined;
  return parsed.number;
}

/** Whether `region` (upper case, ISO 3166 alpha-2) has a phone numbering plan we can read. */
export const isPhoneRegion = (region: string): boolean => isSupportedCountry(region);
