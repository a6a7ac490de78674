import { useCallback, useState } from 'react';
import { ApiError } from '../../api/api-client.js';
import type { Segment } from '../../api/segments-contract.js';
import { ErrorNote } from '../../components/error-note.js';
import { LineChart } from '../../components/line-chart.js';
import { useLoad } from '../../hooks/use-load.js';
import { useI18n } from '../../i18n/i18n-provider.js';
import { hrefFor, navigate } from '../../router.js';
import { useWorkspaceApi } from '../../session/session-context.js';
import { isModelSegment, segmentLabel } from './model-labels.js';
import { SegmentMembers } from './segment-members.js';
import { segmentsUsing } from './segment-references.js';

const HISTORY_DAYS = 30;

/** One segment (or model group): its size, how the size moved, and its members. */
export function SegmentPage({ id }: { id: string }) {
  const api = useWorkspaceApi();
  const { t, fmt } = useI18n();
  const model = isModelSegment(id);
  const { data: segment, error } = useLoad(useCallback((signal) => api.getSegment(id, signal), [api, id]));
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<unknown>(null);
  /** The segments that block a delete, named so the operator knows what to change first. */
  const [usedBy, setUsedBy] = useState<Segment[]>([]);

  async function remove() {
    if (segment === null || !window.confirm(t('segment.confirmDelete', { name: segment.name }))) return;
    setDeleting(true);
    setDeleteError(null);
    setUsedBy([]);
    try {
      await api.deleteSegment(id);
      navigate({ name: 'segments' });
    } catch (err) {
      setDeleteError(err);
      setDeleting(false);
      if (err instanceof ApiError && err.code === 'segment_in_use') {
        api.listSegments(false).then(
          (r) => setUsedBy(segmentsUsing(r.segments, id)),
          () => {},
        );
      }
    }
  }

  const back = model ? (
    <a className="back" href={hrefFor({ name: 'models' })} data-testid="segment-back">
      ← {t('models.back')}
    </a>
  ) : (
    <a className="back" href={hrefFor({ name: 'segments' })} data-testid="segment-back">
      ← {t('segments.back')}
    </a>
  );
  if (segment === null) {
    return (
      <section className="page" data-testid="segment-page">
        {back}
        {error === null ? <p className="muted">{t('common.loading')}</p> : <ErrorNote error={error} />}
      </section>
    );
  }

  return (
    <section className="page" data-testid="segment-page" data-segment-id={segment.id}>
      {back}
      <header className="card segment-head">
        <div>
          <h1 data-testid="segment-title">{segmentLabel(t, segment)}</h1>
          {model ? <span className="badge">{t('segment.modelBadge')}</span> : null}
          {segment.description !== '' ? <p className="segment-note muted">{segment.description}</p> : null}
          <p className="segment-note muted small">
            {t('segment.updated', { date: fmt.dateTime(segment.updatedAt) })}
          </p>
        </div>
        <div className="segment-size">
          <span className="stat-label">{t('segment.size')}</span>
          <span className="stat" data-testid="segment-size">
            {fmt.number(segment.size)}
          </span>
        </div>
        {model ? null : (
          <div className="segment-actions">
            <a className="button" href={hrefFor({ name: 'segmentEdit', id })} data-testid="segment-edit">
              {t('common.edit')}
            </a>
            <button
              type="button"
              className="danger"
              disabled={deleting}
              onClick={remove}
              data-testid="segment-delete"
            >
              {t('common.delete')}
            </button>
          </div>
        )}
      </header>
      <ErrorNote error={deleteError} />
      {usedBy.length > 0 ? (
        <p className="muted" data-testid="segment-used-by">
          {t('segment.usedBy')}{' '}
          {usedBy.map((s) => (
            <a key={s.id} className="chip" href={hrefFor({ name: 'segment', id: s.id })}>
              {s.name}
            </a>
          ))}
        </p>
      ) : null}
      <SizeHistory id={id} size={segment.size} />
      {model ? null : (
        <details className="card json-view">
          <summary className="json-summary">{t('segment.definition')}</summary>
          <pre data-testid="segment-definition">{JSON.stringify(segment.definition, null, 2)}</pre>
        </details>
      )}
      <SegmentMembers id={id} exportUrl={api.segmentExportUrl(id)} />
    </section>
  );
}

/** The recorded sizes, ending with the size now, so even a new segment draws a line. */
function SizeHistory({ id, size }: { id: string; size: number }) {
  const api = useWorkspaceApi();
  const t = useI18n().t;
  const { data, error } = useLoad(
    useCallback((signal) => api.segmentSizes(id, HISTORY_DAYS, signal), [api, id]),
  );
  const recorded = (data?.points ?? []).map((p) => ({ at: p.at, value: p.size }));
  const points = recorded.length === 0 ? [] : [...recorded, { at: new Date().toISOString(), value: size }];
  return (
    <section className="card">
      <h2>{t('segment.sizeHistory', { days: HISTORY_DAYS })}</h2>
      <ErrorNote error={error} />
      {data !== null && points.length < 2 ? <p className="muted">{t('segment.noHistory')}</p> : null}
      {points.length >= 2 ? (
        <LineChart
          points={points}
          label={t('segment.sizeHistory', { days: HISTORY_DAYS })}
          testId="size-chart"
        />
      ) : null}
    </section>
  );
}
