import { useCallback, useState } from 'react';
import { ErrorNote } from '../../components/error-note.js';
import { useLoad } from '../../hooks/use-load.js';
import { useI18n } from '../../i18n/i18n-provider.js';
import { hrefFor } from '../../router.js';
import { useWorkspaceApi } from '../../session/session-context.js';
import { segmentLabel } from '../segments/model-labels.js';

const HISTORY_SHOWN = 20;

/** The segments and model groups the profile is in now, and when it entered or left each. */
export function SegmentsPanel({ profileId }: { profileId: string }) {
  const api = useWorkspaceApi();
  const { t, fmt } = useI18n();
  const { data, error } = useLoad(
    useCallback((signal) => api.profileSegments(profileId, signal), [api, profileId]),
  );
  const [showAll, setShowAll] = useState(false);

  if (data === null) {
    return (
      <section className="card" data-testid="profile-segments">
        <h2>{t('profileSegments.title')}</h2>
        {error === null ? <p className="muted">{t('common.loading')}</p> : <ErrorNote error={error} />}
      </section>
    );
  }

  const chips = (kind: 'segment' | 'model') => {
    const items = data.segments.filter((s) => s.kind === kind);
    if (items.length === 0) return <p className="muted small">{t('profileSegments.none')}</p>;
    return (
      <div data-testid={`profile-segments-${kind}`}>
        {items.map((s) => (
          <a key={s.id} className="chip" href={hrefFor({ name: 'segment', id: s.id })} data-segment-id={s.id}>
            {segmentLabel(t, s)}
          </a>
        ))}
      </div>
    );
  };
  const history = [...data.history].reverse();
  const shown = showAll ? history : history.slice(0, HISTORY_SHOWN);

  return (
    <section className="card" data-testid="profile-segments">
      <h2>{t('profileSegments.title')}</h2>
      <h3>{t('profileSegments.segments')}</h3>
      {chips('segment')}
      <h3>{t('profileSegments.models')}</h3>
      {chips('model')}
      <h3>{t('profileSegments.history')}</h3>
      {history.length === 0 ? (
        <p className="muted small">{t('profileSegments.noHistory')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data" data-testid="profile-segment-history">
            <tbody>
              {shown.map((h) => (
                <tr key={`${h.segmentId} ${h.at} ${h.change}`}>
                  <td className="muted small">{fmt.dateTime(h.at)}</td>
                  <td>
                    <span className={`badge change-${h.change}`}>{t(`profileSegments.${h.change}`)}</span>
                  </td>
                  <td>
                    <a href={hrefFor({ name: 'segment', id: h.segmentId })}>
                      {segmentLabel(t, { id: h.segmentId, name: h.name })}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {history.length > shown.length ? (
        <button
          type="button"
          className="link small"
          onClick={() => setShowAll(true)}
          data-testid="history-all"
        >
          {t('profileSegments.showAll', { count: history.length })}
        </button>
      ) : null}
    </section>
  );
}
