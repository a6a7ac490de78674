import { useCallback, useState } from 'react';
import type { DeadLetter, DeadLetterPage } from '../../api/dead-letters-contract.js';
import { ErrorNote } from '../../components/error-note.js';
import { useLoad } from '../../hooks/use-load.js';
import type { DeadLetterMessageKey } from '../../i18n/en.js';
import { useI18n } from '../../i18n/i18n-provider.js';
import { useSession, useWorkspaceApi } from '../../session/session-context.js';
import { DeadLetterRow } from './dead-letter-row.js';

/**
 * Events a store refused on their own, set aside so that the rest of their batch was applied
 * (docs/ingest.md, "Events a store refuses"). Every role that reads ingest sees them; only
 * admins retry or drop them.
 */
export function DeadLettersPanel() {
  const api = useWorkspaceApi();
  const { t, fmt } = useI18n();
  const { workspaces } = useSession();
  const { data, error, loading, reload, setData } = useLoad(
    useCallback((signal: AbortSignal) => api.deadLetters(null, signal), [api]),
  );
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const [notice, setNotice] = useState<{ key: DeadLetterMessageKey; messageId: string } | null>(null);
  // The server's rule (right `ingest.manage`) restated, only to offer the buttons to admins; the
  // server refuses a retry or drop from any other role whatever the console shows.
  const canManage = workspaces.find((w) => w.id === api.workspaceId)?.role === 'admin';

  async function act(letter: DeadLetter, run: () => Promise<unknown>, done: DeadLetterMessageKey) {
    setBusy(true);
    setActionError(null);
    setNotice(null);
    try {
      await run();
      setNotice({ key: done, messageId: letter.messageId });
    } catch (err) {
      setActionError(err);
    } finally {
      setBusy(false);
      // Also after an error: a "not found" means someone else retried or dropped it meanwhile.
      reload();
    }
  }

  function drop(letter: DeadLetter) {
    if (!window.confirm(t('deadLetters.confirmDrop', { messageId: letter.messageId }))) return;
    void act(letter, () => api.dropDeadLetter(letter.id), 'deadLetters.dropped');
  }

  async function loadMore() {
    const beforeId = data?.nextBeforeId;
    if (beforeId == null) return;
    setBusy(true);
    setActionError(null);
    try {
      const next = await api.deadLetters(beforeId);
      setData((prev) => appendPage(prev, next));
    } catch (err) {
      setActionError(err);
    } finally {
      setBusy(false);
    }
  }

  const letters = data?.deadLetters ?? [];
  return (
    <section className="card" data-testid="dead-letters-panel" aria-busy={loading || busy}>
      <div className="card-head">
        <h2 data-testid="dead-letters-heading">
          {t('deadLetters.heading', { count: data === null ? '…' : fmt.number(data.total) })}
        </h2>
        <button
          type="button"
          className="small push-end"
          disabled={loading}
          onClick={reload}
          data-testid="dead-letters-refresh"
        >
          {t('deadLetters.refresh')}
        </button>
      </div>
      <p className="muted small">{t('deadLetters.help')}</p>
      {notice !== null ? (
        <p className="notice" role="status" data-testid="dead-letters-notice">
          {t(notice.key, { messageId: notice.messageId })}
        </p>
      ) : null}
      <ErrorNote error={actionError ?? error} />
      {data === null && error === null ? <p className="muted">{t('common.loading')}</p> : null}
      {data !== null && letters.length === 0 ? (
        <p className="empty" data-testid="dead-letters-empty">
          {t('deadLetters.empty')}
        </p>
      ) : null}
      {letters.length > 0 && !canManage ? (
        <p className="muted small" data-testid="dead-letters-read-only">
          {t('deadLetters.readOnly')}
        </p>
      ) : null}
      {letters.length > 0 ? (
        <div className="table-wrap">
          <table className="data" data-testid="dead-letters-table">
            <thead>
              <tr>
                <th>{t('deadLetters.col.setAsideAt')}</th>
                <th>{t('deadLetters.col.messageId')}</th>
                <th>{t('deadLetters.col.event')}</th>
                <th>{t('deadLetters.col.user')}</th>
                <th>{t('deadLetters.col.store')}</th>
                <th>{t('deadLetters.col.error')}</th>
                <th className="actions">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {letters.map((letter) => (
                <DeadLetterRow
                  key={letter.id}
                  letter={letter}
                  actions={
                    canManage
                      ? {
                          busy,
                          retry: () =>
                            void act(letter, () => api.retryDeadLetter(letter.id), 'deadLetters.retried'),
                          drop: () => drop(letter),
                        }
                      : null
                  }
                />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {data?.nextBeforeId != null ? (
        <button
          type="button"
          className="more"
          disabled={busy}
          onClick={loadMore}
          data-testid="dead-letters-more"
        >
          {busy ? t('common.loading') : t('common.loadMore')}
        </button>
      ) : null}
    </section>
  );
}

/** The next (older) page after the ones shown; ids already shown are not repeated. */
function appendPage(prev: DeadLetterPage | null, next: DeadLetterPage): DeadLetterPage {
  if (prev === null) return next;
  const seen = new Set(prev.deadLetters.map((d) => d.id));
  return { ...next, deadLetters: [...prev.deadLetters, ...next.deadLetters.filter((d) => !seen.has(d.id))] };
}
