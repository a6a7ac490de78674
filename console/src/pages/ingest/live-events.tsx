import { useRef, useState } from 'react';
import { isAbort } from '../../api/api-client.js';
import type { TailorEvent } from '../../api/api-contract.js';
import { ErrorNote } from '../../components/error-note.js';
import { EventItem } from '../../components/event-item.js';
import { usePolling } from '../../hooks/use-polling.js';
import { useT } from '../../i18n/i18n-provider.js';
import { useWorkspaceApi } from '../../session/session-context.js';

const POLL_MS = 2000;
/**
 * `after` is exclusive and events become visible only once applied, so an event received just
 * before the newest one seen can appear a moment later. Asking again for a few seconds back (and
 * dropping duplicates) catches it.
 */
const OVERLAP_MS = 5000;
// Enough to watch a test send go by; older events are one click away on each profile.
const KEEP = 200;

export function LiveEvents() {
  const api = useWorkspaceApi();
  const t = useT();
  const [events, setEvents] = useState<TailorEvent[]>([]);
  const [error, setError] = useState<unknown>(null);
  const newest = useRef<number | undefined>(undefined);

  usePolling(async (signal) => {
    try {
      const after = newest.current === undefined ? undefined : newest.current - OVERLAP_MS;
      const { events: batch } = await api.ingestEvents(after, signal);
      setError(null);
      for (const e of batch) {
        const ms = Date.parse(e.receivedAt);
        if (ms > (newest.current ?? Number.NEGATIVE_INFINITY)) newest.current = ms;
      }
      if (batch.length > 0) setEvents((prev) => mergeNewestFirst(batch, prev));
    } catch (err) {
      if (!isAbort(err)) setError(err);
    }
  }, POLL_MS);

  return (
    <section className="card">
      <div className="page-head">
        <h2>{t('live.title')}</h2>
        <span className="muted small">
          <span className="pulse" aria-hidden="true" /> {t('live.hint')}
        </span>
      </div>
      <ErrorNote error={error} />
      {events.length === 0 ? (
        <p className="empty">{t('live.empty')}</p>
      ) : (
        <ol className="timeline live" data-testid="live-events">
          {events.map((e) => (
            <EventItem key={e.messageId} event={e} live testId="live-event" />
          ))}
        </ol>
      )}
    </section>
  );
}

function mergeNewestFirst(batch: TailorEvent[], prev: TailorEvent[]): TailorEvent[] {
  const seen = new Set(prev.map((e) => e.messageId));
  const added = batch.filter((e) => !seen.has(e.messageId));
  if (added.length === 0) return prev;
  const at = (e: TailorEvent) => Date.parse(e.receivedAt);
  return [...added, ...prev].sort((a, b) => at(b) - at(a)).slice(0, KEEP);
}
