import type { DeadLetter } from '../../api/dead-letters-contract.js';
import { useT } from '../../i18n/i18n-provider.js';
import { epochTime } from './epoch-time.js';

const TIMES = ['timestamp', 'originalTimestamp', 'sentAt', 'receivedAt'] as const;

/** A set-aside event in full: the whole error, its times made readable, and the record as accepted. */
export function DeadLetterRecord({ letter }: { letter: DeadLetter }) {
  const t = useT();
  return (
    <div className="dead-letter-record" data-testid="dead-letter-record">
      <h4>{t('deadLetters.error')}</h4>
      <p className="mono wrap">{letter.error}</p>
      <h4>{t('deadLetters.times')}</h4>
      <dl className="inline-fields">
        {TIMES.map((name) => (
          <div key={name}>
            <dt>{t(`deadLetters.time.${name}`)}</dt>
            <dd className="mono" title={String(letter.record[name])}>
              {epochTime(letter.record[name])}
            </dd>
          </div>
        ))}
      </dl>
      <h4>{t('deadLetters.record')}</h4>
      <pre data-testid="dead-letter-json">{JSON.stringify(letter.record, null, 2)}</pre>
    </div>
  );
}
