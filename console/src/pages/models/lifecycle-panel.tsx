import { useCallback, useState } from 'react';
import { MODEL_VALUES } from '../../api/segments-contract.js';
import { BarList } from '../../components/bar-list.js';
import { ErrorNote } from '../../components/error-note.js';
import { useLoad } from '../../hooks/use-load.js';
import { useT } from '../../i18n/i18n-provider.js';
import { useWorkspaceApi } from '../../session/session-context.js';
import { modelGroupLabel } from '../segments/model-labels.js';
import { FlowMatrix } from './flow-matrix.js';
import { groupHref } from './model-links.js';

const PERIODS = [7, 30, 90] as const;

/** How many profiles are in each lifecycle stage, and how they moved between stages lately. */
export function LifecyclePanel() {
  const api = useWorkspaceApi();
  const t = useT();
  const [days, setDays] = useState<number>(30);
  const { data, error, loading } = useLoad(useCallback((signal) => api.lifecycle(days, signal), [api, days]));

  const bars = MODEL_VALUES.lifecycle.map((id) => ({
    id,
    label: modelGroupLabel(t, 'lifecycle', id),
    count: data?.stages.find((s) => s.id === id)?.count ?? 0,
    href: groupHref('lifecycle', id),
  }));

  return (
    <section className="card" data-testid="lifecycle-panel" aria-busy={loading}>
      <div className="card-head">
        <h2>{t('models.lifecycle.title')}</h2>
        <label className="push-end small">
          {t('models.lifecycle.period')}{' '}
          <select
            className="compact"
            value={days}
            onChange={(e) => setDays(Number(e.target.value))}
            data-testid="lifecycle-days"
          >
            {PERIODS.map((d) => (
              <option key={d} value={d}>
                {t('models.lastDays', { days: d })}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorNote error={error} />
      {data === null && error === null ? <p className="muted">{t('common.loading')}</p> : null}
      {data !== null ? (
        <div className="columns">
          <div>
            <h3>{t('models.lifecycle.stages')}</h3>
            <BarList bars={bars} testId="lifecycle-stages" />
          </div>
          <div>
            <h3>{t('models.lifecycle.flows', { days })}</h3>
            <FlowMatrix flows={data.flows} />
          </div>
        </div>
      ) : null}
    </section>
  );
}
