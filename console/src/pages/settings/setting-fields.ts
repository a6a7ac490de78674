import type { Issue } from '../../api/api-client.js';
import type { SettingKey, WorkspaceSettings } from '../../api/settings-contract.js';

export const SECTIONS = ['calendar', 'orders', 'refunds', 'interests'] as const;
export type Section = (typeof SECTIONS)[number];

/** Where each setting sits on the page, in order; a setting the server adds fails the type-check here. */
const SECTION_OF: Record<SettingKey, Section> = {
  timeZone: 'calendar',
  phoneRegion: 'calendar',
  orderEvents: 'orders',
  revenueProperties: 'orders',
  refundEvents: 'refunds',
  refundAmountProperties: 'refunds',
  interestEvents: 'interests',
  categoryProperty: 'interests',
};

const KEYS = Object.keys(SECTION_OF) as SettingKey[];

export function fieldsOf(section: Section): SettingKey[] {
  return KEYS.filter((k) => SECTION_OF[k] === section);
}

/** What the user typed, per setting touched; the text is kept so a half-typed line survives. */
export type Draft = Partial<Record<SettingKey, string>>;

/** Lists are edited one name per line. */
export function settingText(value: string | readonly string[]): string {
  return typeof value === 'string' ? value : value.join('\n');
}

/**
 * The value `text` means for a setting that is now `previous`: lists drop blank lines, and names
 * lose the spaces around them. Everything else (an empty name, an unknown zone) is left to the
 * server to judge, so that its message is the one shown.
 */
export function parseSetting(text: string, previous: string | readonly string[]): string | string[] {
  if (typeof previous !== 'string')
    return text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
  return text.trim();
}

/** The settings the draft changes, and only those: what `PATCH /settings` is sent. */
export function changedSettings(saved: WorkspaceSettings, draft: Draft): Partial<WorkspaceSettings> {
  const changes: Partial<Record<SettingKey, string | string[]>> = {};
  for (const key of KEYS) {
    const text = draft[key];
    if (text === undefined) continue;
    const value = parseSetting(text, saved[key]);
    if (settingText(value) !== settingText(saved[key])) changes[key] = value;
  }
  // parseSetting keeps each key's kind (a list stays a list), so the record matches the settings.
  return changes as Partial<WorkspaceSettings>;
}

/** The setting a JSON pointer is about (`/orderEvents/0` → `orderEvents`); null when none on the page. */
export function settingOf(issue: Issue): SettingKey | null {
  const head = issue.path.split('/')[1] ?? '';
  return Object.hasOwn(SECTION_OF, head) ? (head as SettingKey) : null;
}
