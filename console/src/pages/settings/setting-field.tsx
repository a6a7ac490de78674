import { useId } from 'react';
import type { SettingKey } from '../../api/settings-contract.js';
import { useI18n, useT } from '../../i18n/i18n-provider.js';
import { LOCALE_TAGS } from '../../i18n/messages.js';
import { TimeZoneInput } from './time-zone-input.js';

/** What every setting's control gets; spread onto the `<input>` or `<textarea>` it renders. */
export interface ControlProps {
  id: string;
  value: string;
  onChange(text: string): void;
  readOnly: boolean;
  /** The id of the setting's explanation. */
  describedBy: string;
  'aria-invalid': true | undefined;
  'data-testid': string;
}

/** One setting: its label, a control fitting its kind, what it means, and the server's issues with it. */
export function SettingField({
  setting,
  text,
  isList,
  readOnly,
  messages,
  onChange,
}: {
  setting: SettingKey;
  text: string;
  isList: boolean;
  readOnly: boolean;
  messages: readonly string[];
  onChange(text: string): void;
}) {
  const t = useT();
  const id = useId();
  const control: ControlProps = {
    id: `${id}-control`,
    value: text,
    onChange,
    readOnly,
    describedBy: `${id}-help`,
    'aria-invalid': messages.length > 0 ? true : undefined,
    'data-testid': `setting-${setting}`,
  };
  return (
    <div className="setting" data-testid={`setting-field-${setting}`}>
      <label htmlFor={control.id} className="setting-label" data-testid={`setting-label-${setting}`}>
        {t(`workspaceSettings.${setting}`)}
      </label>
      {setting === 'timeZone' ? (
        <TimeZoneInput {...control} />
      ) : setting === 'phoneRegion' ? (
        <RegionInput {...control} />
      ) : isList ? (
        <NamesInput {...control} />
      ) : (
        <PlainInput {...control} />
      )}
      <p id={control.describedBy} className="muted small setting-help">
        {t(`workspaceSettings.${setting}.help`)}
        {isList && !readOnly ? ` ${t('workspaceSettings.listHint')}` : ''}
      </p>
      {messages.map((m) => (
        <p key={m} className="issue" data-testid="setting-issue">
          {m}
        </p>
      ))}
    </div>
  );
}

function PlainInput({ onChange, describedBy, ...control }: ControlProps) {
  return (
    <input
      {...control}
      className="wide-input"
      spellCheck={false}
      aria-describedby={describedBy}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

/** Names one per line: a textarea that grows with the list. */
function NamesInput({ onChange, describedBy, ...control }: ControlProps) {
  return (
    <textarea
      {...control}
      className="names-input"
      rows={Math.max(2, control.value.split('\n').length + (control.readOnly ? 0 : 1))}
      spellCheck={false}
      aria-describedby={describedBy}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

/** A two-letter region code, upper-cased as typed, with the region's name in the UI language. */
function RegionInput({ onChange, describedBy, ...control }: ControlProps) {
  const { t, locale } = useI18n();
  const hintId = useId();
  const name = regionName(control.value.trim(), LOCALE_TAGS[locale]);
  return (
    <>
      <input
        {...control}
        className="region-input"
        maxLength={2}
        autoComplete="off"
        spellCheck={false}
        aria-describedby={`${describedBy} ${hintId}`}
        onChange={(e) => onChange(e.target.value.toUpperCase())}
      />
      <p id={hintId} className="muted small setting-hint" data-testid="setting-phoneRegion-name">
        {name === null ? '' : t('workspaceSettings.phoneRegion.name', { name })}
      </p>
    </>
  );
}

function regionName(code: string, tag: string): string | null {
  if (!/^[A-Z]{2}$/.test(code)) return null;
  try {
    const name = new Intl.DisplayNames([tag], { type: 'region' }).of(code);
    // An unknown but well-formed code comes back as itself.
    return name === undefined || name === code ? null : name;
  } catch {
    return null;
  }
}
