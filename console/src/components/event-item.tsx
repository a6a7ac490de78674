import { useState } from 'react';
import type { TailorEvent } from '../api/api-contract.js';
import { useI18n } from '../i18n/i18n-provider.js';
import type { MessageKey } from '../i18n/messages.js';
import { hrefFor } from '../router.js';

/** The six Segment message types in the console's words; other types are shown as sent. */
export const TYPE_LABELS: Record<string, MessageKey> = {
  track: 'event.type.track',
  identify: 'event.type.identify',
  page: 'event.type.page',
  screen: 'event.type.screen',
  group: 'event.type.group',
  alias: 'event.type.alias',
};

interface Props {
  event: TailorEvent;
  /**
   * The live ingest list: link each event to its profile, and show when it arrived, since SDKs
   * may send events that happened long before.
   */
  live?: boolean;
  testId: string;
}

/** One event as a row that expands to its JSON payload. */
export function EventItem({ event, live = false, testId }: Props) {
  const { t, fmt } = useI18n();
  const [open, setOpen] = useState(false);
  const typeKey = TYPE_LABELS[event.type];
  const typeLabel = typeKey === undefined ? event.type : t(typeKey);
  const who = event.userId || event.anonymousId;
  const sections = [
    { label: t('event.properties'), data: event.properties },
    { label: t('event.traits'), data: event.traits },
    { label: t('event.context'), data: event.context },
  ].filter((s, i) => i === 0 || Object.keys(s.data ?? {}).length > 0);

  return (
    <li className="event" data-testid={testId} data-message-id={event.messageId}>
      <div className="event-line">
        <span className={`badge type-${event.type}`}>{typeLabel}</span>
        <strong className="event-name">{event.event || pageName(event) || typeLabel}</strong>
        {live && who ? (
          <a className="muted mono" href={hrefFor({ name: 'profile', id: who })}>
            {who}
          </a>
        ) : null}
        {live ? (
          <time className="muted" dateTime={event.receivedAt} title={fmt.dateTime(event.timestamp)}>
            {t('event.received', { date: fmt.time(event.receivedAt) })}
          </time>
        ) : (
          <time
            className="muted"
            dateTime={event.timestamp}
            title={t('event.received', { date: fmt.dateTime(event.receivedAt) })}
          >
            {fmt.dateTime(event.timestamp)}
          </time>
        )}
        <button
          type="button"
          className="link"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
          data-testid="event-toggle"
        >
          {open ? t('event.hide') : t('event.show')}
        </button>
      </div>
      {open ? (
        <div className="event-body" data-testid="event-json">
          {sections.map((s) => (
            <div key={s.label}>
              <h4>{s.label}</h4>
              <pre>{JSON.stringify(s.data ?? {}, null, 2)}</pre>
            </div>
          ))}
        </div>
      ) : null}
    </li>
  );
}

function pageName(event: TailorEvent): string | null {
  const name = event.properties?.name;
  return typeof name === 'string' && name !== '' ? name : null;
}
