import { useCallback } from 'react';
import { MODEL_VALUES } from '../../api/segments-contract.js';
import { BarList } from '../../components/bar-list.js';
import { ErrorNote } from '../../components/error-note.js';
import { useLoad } from '../../hooks/use-load.js';
import { useT } from '../../i18n/i18n-provider.js';
import { useWorkspaceApi } from '../../session/session-context.js';
import { modelGroupLabel } from '../segments/model-labels.js';
import { groupHref } from './model-links.js';

/** Activity levels and spending tiers: how many profiles fall in each. */
export function DistributionPanel() {
  const api = useWorkspaceApi();
  const t = useT();
  const { data, error } = useLoad(useCallback((signal) => api.distribution(signal), [api]));

  const bars = <M extends 'activity' | 'spending'>(model: M) =>
    MODEL_VALUES[model].map((id) => ({
      id,
      label: modelGroupLabel(t, model, id),
      count: data?.[model].find((g) => g.id === id)?.count ?? 0,
      href: groupHref(model, id),
    }));

  return (
    <section className="card" data-testid="distribution-panel">
      <ErrorNote error={error} />
      <div className="columns">
        <div>
          <h2>{t('model.activity')}</h2>
          {data !== null ? (
            <BarList bars={bars('activity')} testId="activity" />
          ) : error === null ? (
            <p className="muted">{t('common.loading')}</p>
          ) : null}
        </div>
        <div>
          <h2>{t('model.spending')}</h2>
          {data !== null ? (
            <BarList bars={bars('spending')} testId="spending" />
          ) : error === null ? (
            <p className="muted">{t('common.loading')}</p>
          ) : null}
        </div>
      </div>
    </section>
  );
}
