import { LOCALE_TAGS, type Locale } from './messages.js';

/** Shown for values the server reports as unknown (`null`), in every language. */
export const EMPTY = '—';

export interface Formatters {
  number(value: number): string;
  /** The API carries no currency, so amounts are shown as plain two-decimal numbers. */
  money(value: number): string;
  date(iso: string): string;
  dateTime(iso: string): string;
  time(iso: string): string;
}

export function createFormatters(locale: Locale): Formatters {
  const tag = LOCALE_TAGS[locale];
  const number = new Intl.NumberFormat(tag, { maximumFractionDigits: 2 });
  const money = new Intl.NumberFormat(tag, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const date = new Intl.DateTimeFormat(tag, { dateStyle: 'medium' });
  const dateTime = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' });
  const time = new Intl.DateTimeFormat(tag, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const safe = (f: Intl.DateTimeFormat) => (iso: string) => {
    const ms = Date.parse(iso);
    return Number.isNaN(ms) ? iso : f.format(ms);
  };
  return {
    number: (v) => number.format(v),
    money: (v) => money.format(v),
    date: safe(date),
    dateTime: safe(dateTime),
    time: safe(time),
  };
}
