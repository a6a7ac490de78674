import type { Profile } from '../../api/api-contract.js';

/** The best human name a profile has: a `name` trait, first + last name, or null. */
export function profileName(profile: Profile): string | null {
  const text = (key: string) => {
    const v = profile.traits[key];
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
  };
  const full = [text('firstName') ?? text('first_name'), text('lastName') ?? text('last_name')]
    .filter((x) => x !== null)
    .join(' ');
  return text('name') ?? (full === '' ? null : full);
}
