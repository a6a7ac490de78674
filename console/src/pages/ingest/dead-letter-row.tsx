import { useState } from 'react';
import type { DeadLetter, DeadLetterStore } from '../../api/dead-letters-contract.js';
import { TYPE_LABELS } from '../../components/event-item.js';
import type { DeadLetterMessageKey } from '../../i18n/en.js';
import { EMPTY } from '../../i18n/format.js';
import { useI18n } from '../../i18n/i18n-provider.js';
import { DeadLetterRecord } from './dead-letter-record.js';

const COLUMNS = 7;
/** Errors can be long (a driver's whole message); the row shows the start, the title all of it. */
const ERROR_CHARS = 120;

const STORE_LABELS: Record<DeadLetterStore, DeadLetterMessageKey> = {
  state: 'deadLetters.store.state',
  events: 'deadLetters.store.events',
};

interface Props {
  letter: DeadLetter;
  /** Retry and Drop, for admins only; `null` leaves the row read-only. */
  actions: { busy: boolean; retry(): void; drop(): void } | null;
}

/** One set-aside event as a table row that expands to its full record. */
export function DeadLetterRow({ letter, actions }: Props) {
  const { t, fmt } = useI18n();
  const [open, setOpen] = useState(false);
  const { userId, anonymousId } = letter.record;
  const who = userId || anonymousId;
  const typeKey = TYPE_LABELS[letter.type];

  return (
    <>
      <tr data-testid="dead-letter-row" data-message-id={letter.messageId}>
        <td>{fmt.dateTime(letter.setAsideAt)}</td>
        <td className="mono wrap" data-testid="dead-letter-message-id">
          {letter.messageId}
        </td>
        <td>
          <span className={`badge type-${letter.type}`}>
            {typeKey === undefined ? letter.type : t(typeKey)}
          </span>{' '}
          {letter.event}
        </td>
        <td
          className="mono wrap"
          title={who === '' ? undefined : t(userId === '' ? 'identities.anon' : 'identities.user')}
        >
          {who || EMPTY}
        </td>
        <td data-testid="dead-letter-store">{t(STORE_LABELS[letter.store])}</td>
        <td className="wrap" title={letter.error}>
          {letter.error.length > ERROR_CHARS ? `${letter.error.slice(0, ERROR_CHARS)}…` : letter.error}
        </td>
        <td className="actions">
          <button
            type="button"
            className="link"
            aria-expanded={open}
            onClick={() => setOpen(!open)}
            data-testid="dead-letter-toggle"
          >
            {open ? t('event.hide') : t('event.show')}
          </button>
          {actions !== null ? (
            <>
              <button
                type="button"
                className="small"
                disabled={actions.busy}
                onClick={actions.retry}
                data-testid="dead-letter-retry"
              >
                {t('deadLetters.retry')}
              </button>
              <button
                type="button"
                className="small danger"
                disabled={actions.busy}
                onClick={actions.drop}
                data-testid="dead-letter-drop"
              >
                {t('deadLetters.drop')}
              </button>
            </>
          ) : null}
        </td>
      </tr>
      {open ? (
        <tr>
          <td colSpan={COLUMNS}>
            <DeadLetterRecord letter={letter} />
          </td>
        </tr>
      ) : null}
    </>
  );
}
