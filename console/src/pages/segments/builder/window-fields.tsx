import type { Duration, Window } from '../../../api/segments-contract.js';
import { useT } from '../../../i18n/i18n-provider.js';
import { Choice, NumberInput, TextInput } from './inputs.js';

const UNITS = ['minutes', 'hours', 'days'] as const satisfies readonly Duration['unit'][];

/** `amount` `unit` (30 days); `path` points at the duration object. */
export function DurationFields({
  value,
  path,
  testId,
  onChange,
}: {
  value: Duration;
  path: string;
  testId: string;
  onChange(value: Duration): void;
}) {
  const t = useT();
  return (
    <>
      <NumberInput
        min={1}
        path={`${path}/amount`}
        label={t('builder.amount')}
        testId={`${testId}-amount`}
        value={value.amount}
        onChange={(amount) => onChange({ ...value, amount })}
      />
      <Choice
        path={`${path}/unit`}
        label={t('builder.unit')}
        testId={`${testId}-unit`}
        value={value.unit}
        options={UNITS.map((u) => ({ value: u, label: t(`duration.${u}`) }))}
        onChange={(unit) => onChange({ ...value, unit })}
      />
    </>
  );
}

type Mode = 'ever' | 'last' | 'between';

/**
 * When the events must have happened: in the last N minutes/hours/days, between two dates
 * (the end date excluded), or ever (no window). `path` points at the node; the window is `/window`.
 */
export function WindowFields({
  window,
  path,
  required = false,
  onChange,
}: {
  window: Window | undefined;
  path: string;
  /** `first_event` needs a window: "ever" is not offered. */
  required?: boolean;
  onChange(window: Window | undefined): void;
}) {
  const t = useT();
  const mode: Mode = window === undefined ? 'ever' : 'last' in window ? 'last' : 'between';
  const modes: Mode[] = required ? ['last', 'between'] : ['ever', 'last', 'between'];
  const today = new Date().toISOString().slice(0, 10);

  function setMode(next: Mode) {
    if (next === mode) return;
    if (next === 'ever') onChange(undefined);
    else if (next === 'last') onChange({ last: { amount: 30, unit: 'days' } });
    else onChange({ between: { from: today, to: today } });
  }

  return (
    <>
      <Choice
        path={`${path}/window`}
        label={t('builder.window')}
        testId="window-mode"
        value={mode}
        options={modes.map((m) => ({ value: m, label: t(`window.${m}`) }))}
        onChange={setMode}
      />
      {window !== undefined && 'last' in window ? (
        <DurationFields
          value={window.last}
          path={`${path}/window/last`}
          testId="window-last"
          onChange={(last) => onChange({ last })}
        />
      ) : null}
      {window !== undefined && 'between' in window ? (
        <>
          <TextInput
            type="date"
            path={`${path}/window/between/from`}
            label={t('builder.from')}
            testId="window-from"
            value={window.between.from.slice(0, 10)}
            onChange={(from) => onChange({ between: { ...window.between, from } })}
          />
          <span>{t('window.until')}</span>
          <TextInput
            type="date"
            path={`${path}/window/between/to`}
            label={t('builder.to')}
            testId="window-to"
            value={window.between.to.slice(0, 10)}
            onChange={(to) => onChange({ between: { ...window.between, to } })}
          />
        </>
      ) : null}
    </>
  );
}
