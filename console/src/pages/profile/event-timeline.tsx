import { useEffect, useState } from 'react';
import type { TailorEvent } from '../../api/api-contract.js';
import { ErrorNote } from '../../components/error-note.js';
import { EventItem } from '../../components/event-item.js';
import { useT } from '../../i18n/i18n-provider.js';
import { useWorkspaceApi } from '../../session/session-context.js';

interface Props {
  profileId: string;
  /**
   * The profile response's `recentEvents` and `nextCursor`: summaries shown at once, replaced
   * by the full events (properties, context) as soon as the first /events page arrives.
   */
  initialEvents: TailorEvent[];
  initialCursor: string | null;
}

export function EventTimeline({ profileId, initialEvents, initialCursor }: Props) {
  const api = useWorkspaceApi();
  const t = useT();
  const [events, setEvents] = useState(initialEvents);
  const [cursor, setCursor] = useState(initialCursor);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    api.profileEvents(profileId, null).then(
      (page) => {
        if (!live) return;
        setEvents(page.events);
        setCursor(page.nextCursor);
      },
      (err) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [api, profileId]);

  async function loadMore() {
    if (cursor === null) return;
    setLoading(true);
    setError(null);
    try {
      const page = await api.profileEvents(profileId, cursor);
      // Pages can overlap when new events arrive between requests; keep the first copy of each.
      setEvents((prev) => {
        const seen = new Set(prev.map((e) => e.messageId));
        return [...prev, ...page.events.filter((e) => !seen.has(e.messageId))];
      });
      setCursor(page.nextCursor);
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  }

  return (
    <section className="card">
      <h2>{t('timeline.title')}</h2>
      {events.length === 0 ? (
        <p className="empty">{t('timeline.empty')}</p>
      ) : (
        <ol className="timeline" data-testid="timeline">
          {events.map((e) => (
            <EventItem key={e.messageId} event={e} testId="timeline-event" />
          ))}
        </ol>
      )}
      <ErrorNote error={error} />
      {cursor !== null ? (
        <button
          type="button"
          className="more"
          disabled={loading}
          onClick={loadMore}
          data-testid="timeline-more"
        >
          {loading ? t('common.loading') : t('common.loadMore')}
        </button>
      ) : null}
    </section>
  );
}
