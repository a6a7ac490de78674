import { useState } from 'react';
import { isAbort } from '../../api/api-client.js';
import type { IngestStats } from '../../api/api-contract.js';
import { ErrorNote } from '../../components/error-note.js';
import { usePolling } from '../../hooks/use-polling.js';
import { useI18n } from '../../i18n/i18n-provider.js';
import { useWorkspaceApi } from '../../session/session-context.js';

// Counters change slowly compared with the live list; a slower refresh keeps the server quiet.
const REFRESH_MS = 5000;

export function IngestStatsPanel() {
  const api = useWorkspaceApi();
  const { t, fmt } = useI18n();
  const [stats, setStats] = useState<IngestStats | null>(null);
  const [error, setError] = useState<unknown>(null);

  usePolling(async (signal) => {
    try {
      setStats(await api.ingestStats(signal));
      setError(null);
    } catch (err) {
      if (!isAbort(err)) setError(err);
    }
  }, REFRESH_MS);

  return (
    <section className="card">
      <div className="stats">
        <div>
          <span className="stat-label">{t('ingest.totalEvents')}</span>
          <strong className="stat" data-testid="stat-total-events">
            {stats === null ? '…' : fmt.number(stats.totalEvents)}
          </strong>
        </div>
        <div>
          <span className="stat-label">{t('ingest.backlog')}</span>
          <strong className="stat" data-testid="stat-backlog">
            {stats === null ? '…' : fmt.number(stats.backlog)}
          </strong>
          <span className="muted small">{t('ingest.backlogHint')}</span>
        </div>
      </div>
      <ErrorNote error={error} />
      <h2>{t('ingest.errors')}</h2>
      {stats !== null && stats.errors.length === 0 ? (
        <p className="muted small">{t('ingest.errors.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data" data-testid="ingest-errors">
            <thead>
              <tr>
                <th>{t('ingest.errors.day')}</th>
                <th>{t('ingest.errors.code')}</th>
                <th className="num">{t('ingest.errors.count')}</th>
                <th>{t('ingest.errors.last')}</th>
              </tr>
            </thead>
            <tbody>
              {(stats?.errors ?? []).map((e) => (
                <tr key={`${e.day}:${e.code}`}>
                  <td>{fmt.date(e.day)}</td>
                  <td className="mono">{e.code}</td>
                  <td className="num">{fmt.number(e.count)}</td>
                  <td className="wrap">{e.lastMessage}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
