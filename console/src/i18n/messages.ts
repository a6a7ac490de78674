import { en, type MessageKey } from './en.js';
import { zh } from './zh.js';

export type { MessageKey };

export const LOCALES = ['en', 'zh'] as const;
export type Locale = (typeof LOCALES)[number];

export const messages: Record<Locale, Record<MessageKey, string>> = { en, zh };

/** BCP 47 tags for Intl and `<html lang>`. */
export const LOCALE_TAGS: Record<Locale, string> = { en: 'en-US', zh: 'zh-CN' };

export function isLocale(value: unknown): value is Locale {
  return value === 'en' || value === 'zh';
}

export type MessageVars = Record<string, string | number>;

/** Looks up `key` and fills `{name}` placeholders from `vars`. */
export function translate(locale: Locale, key: MessageKey, vars?: MessageVars): string {
  const text = messages[locale][key];
  if (vars === undefined) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    return value === undefined ? whole : String(value);
  });
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}
