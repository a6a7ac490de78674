import { useCallback } from 'react';
import { ErrorNote } from '../../components/error-note.js';
import { useLoad } from '../../hooks/use-load.js';
import { useI18n } from '../../i18n/i18n-provider.js';
import { hrefFor, navigate } from '../../router.js';
import { useWorkspaceApi } from '../../session/session-context.js';
import { SegmentsTabs } from './segments-tabs.js';

/** The workspace's segments with their current sizes. */
export function SegmentsPage() {
  const api = useWorkspaceApi();
  const { t, fmt } = useI18n();
  const { data, error, loading } = useLoad(useCallback((signal) => api.listSegments(false, signal), [api]));
  const segments = data?.segments ?? [];

  return (
    <section className="page" data-testid="segments-page" aria-busy={loading}>
      <div className="page-head">
        <h1>{t('segments.title')}</h1>
        <SegmentsTabs current="segments" />
        <a
          className="button primary push-end"
          href={hrefFor({ name: 'segmentNew' })}
          data-testid="segment-new"
        >
          + {t('segments.new')}
        </a>
      </div>
      <ErrorNote error={error} />
      {data === null && loading ? <p className="muted">{t('common.loading')}</p> : null}
      {data !== null && segments.length === 0 ? (
        <p className="empty" data-testid="segments-empty">
          {t('segments.empty')}
        </p>
      ) : null}
      {segments.length > 0 ? (
        <div className="table-wrap">
          <table className="data clickable" data-testid="segments-table">
            <thead>
              <tr>
                <th>{t('segments.col.name')}</th>
                <th className="num">{t('segments.col.size')}</th>
                <th>{t('segments.col.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {segments.map((s) => (
                <tr
                  key={s.id}
                  onClick={() => navigate({ name: 'segment', id: s.id })}
                  data-testid="segment-row"
                  data-segment-id={s.id}
                >
                  <td>
                    <a
                      href={hrefFor({ name: 'segment', id: s.id })}
                      onClick={(e) => e.stopPropagation()}
                      className="strong"
                    >
                      {s.name}
                    </a>
                    {s.description !== '' ? <div className="muted small">{s.description}</div> : null}
                  </td>
                  <td className="num" data-testid="segment-row-size">
                    {fmt.number(s.size)}
                  </td>
                  <td>{fmt.dateTime(s.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
