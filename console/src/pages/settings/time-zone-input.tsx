import { useEffect, useId, useState } from 'react';
import { useI18n } from '../../i18n/i18n-provider.js';
import { LOCALE_TAGS } from '../../i18n/messages.js';
import type { ControlProps } from './setting-field.js';

let zones: string[] | undefined;

/** The browser's IANA zones; "UTC", the default, is not among them in every engine. */
function timeZones(): string[] {
  zones ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
  return zones;
}

/**
 * A time zone name with the browser's zones as suggestions and the current time there as a hint.
 * Any text can be typed: the server judges the name, and reports an unknown one at this field.
 */
export function TimeZoneInput({ value, onChange, describedBy, ...control }: ControlProps) {
  const { t, locale } = useI18n();
  const listId = useId();
  const hintId = useId();
  const now = useNow(30_000);
  const hint = localTime(value.trim(), LOCALE_TAGS[locale], now);
  return (
    <>
      <input
        {...control}
        list={listId}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={`${describedBy} ${hintId}`}
        className="wide-input"
        autoComplete="off"
        spellCheck={false}
      />
      <datalist id={listId}>
        {control.readOnly ? null : timeZones().map((z) => <option key={z} value={z} />)}
      </datalist>
      <p id={hintId} className="muted small setting-hint" data-testid="setting-timeZone-now">
        {hint === null
          ? t('workspaceSettings.timeZone.unknown')
          : t('workspaceSettings.timeZone.now', { time: hint })}
      </p>
    </>
  );
}

function localTime(zone: string, tag: string, now: number): string | null {
  try {
    return new Intl.DateTimeFormat(tag, {
      timeZone: zone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
    }).format(now);
  } catch {
    // RangeError: not a zone this browser knows (or empty).
    return null;
  }
}

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}
