import { useCallback } from 'react';
import { MODEL_VALUES, type RfmReport } from '../../api/segments-contract.js';
import { ErrorNote } from '../../components/error-note.js';
import { useLoad } from '../../hooks/use-load.js';
import { EMPTY } from '../../i18n/format.js';
import { useI18n } from '../../i18n/i18n-provider.js';
import { useWorkspaceApi } from '../../session/session-context.js';
import { modelGroupLabel } from '../segments/model-labels.js';
import { groupHref } from './model-links.js';
import { RfmHeatmap } from './rfm-heatmap.js';

/** Which of R, F and M are above average for each of the eight classes (↑) or below (↓). */
const CN8_PATTERN: Record<(typeof MODEL_VALUES.rfm_cn8)[number], string> = {
  important_value: '↑↑↑',
  important_development: '↑↓↑',
  important_retention: '↓↑↑',
  important_recovery: '↓↓↑',
  general_value: '↑↑↓',
  general_development: '↑↓↓',
  general_retention: '↓↑↓',
  general_recovery: '↓↓↓',
};

export function RfmPanel() {
  const api = useWorkspaceApi();
  const { t, fmt } = useI18n();
  const { data, error } = useLoad(useCallback((signal) => api.rfm(signal), [api]));

  return (
    <section className="card" data-testid="rfm-panel">
      <h2>{t('models.rfm.title')}</h2>
      <ErrorNote error={error} />
      {data === null && error === null ? <p className="muted">{t('common.loading')}</p> : null}
      {data !== null ? (
        <>
          <Averages report={data} />
          {data.customers === 0 ? <p className="empty">{t('models.rfm.empty')}</p> : null}
          <div className="columns">
            <RfmHeatmap cells={data.cells} />
            <GroupTable
              title={t('models.rfm.grid')}
              testId="rfm-grid"
              rows={MODEL_VALUES.rfm_grid.map((id) => ({
                id,
                label: modelGroupLabel(t, 'rfm_grid', id),
                href: groupHref('rfm_grid', id),
                ...(data.grid.find((g) => g.id === id) ?? { count: 0, avgSpend: 0 }),
              }))}
            />
          </div>
          <GroupTable
            title={t('models.rfm.classes')}
            testId="rfm-classes"
            pattern
            rows={MODEL_VALUES.rfm_cn8.map((id) => ({
              id,
              label: modelGroupLabel(t, 'rfm_cn8', id),
              href: groupHref('rfm_cn8', id),
              pattern: CN8_PATTERN[id],
              ...(data.classes.find((c) => c.id === id) ?? { count: 0, avgSpend: 0 }),
            }))}
          />
          <p className="muted small">
            {data.computedAt === null
              ? t('models.notComputed')
              : t('models.computedAt', { date: fmt.dateTime(data.computedAt) })}
          </p>
        </>
      ) : null}
    </section>
  );
}

function Averages({ report }: { report: RfmReport }) {
  const { t, fmt } = useI18n();
  const a = report.averages;
  const stats = [
    { key: 'customers', label: t('models.rfm.customers'), value: fmt.number(report.customers) },
    {
      key: 'recency',
      label: t('models.rfm.avgRecency'),
      value: report.customers === 0 ? EMPTY : t('unit.days', { count: fmt.number(a.recencyDays) }),
    },
    {
      key: 'frequency',
      label: t('models.rfm.avgFrequency'),
      value: report.customers === 0 ? EMPTY : fmt.number(a.frequency),
    },
    {
      key: 'monetary',
      label: t('models.rfm.avgMonetary'),
      value: report.customers === 0 ? EMPTY : fmt.money(a.monetary),
    },
  ];
  return (
    <div className="stats">
      {stats.map((s) => (
        <div key={s.key}>
          <span className="stat-label">{s.label}</span>
          <span className="stat" data-testid={`rfm-${s.key}`}>
            {s.value}
          </span>
        </div>
      ))}
    </div>
  );
}

interface Row {
  id: string;
  label: string;
  href: string;
  count: number;
  avgSpend: number;
  pattern?: string;
}

function GroupTable({
  title,
  rows,
  testId,
  pattern = false,
}: {
  title: string;
  rows: Row[];
  testId: string;
  pattern?: boolean;
}) {
  const { t, fmt } = useI18n();
  const total = rows.reduce((sum, r) => sum + r.count, 0);
  return (
    <div className="table-wrap">
      <h3>{title}</h3>
      <table className="data" data-testid={testId}>
        <thead>
          <tr>
            <th>{t('models.col.group')}</th>
            {pattern ? <th title={t('models.rfm.patternHint')}>R F M</th> : null}
            <th className="num">{t('models.col.count')}</th>
            <th className="num">{t('models.col.share')}</th>
            <th className="num">{t('models.col.avgSpend')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-testid={`${testId}-row`} data-id={r.id}>
              <td>{r.label}</td>
              {pattern ? <td className="mono">{r.pattern}</td> : null}
              <td className="num">
                <a href={r.href} data-testid={`${testId}-count`}>
                  {fmt.number(r.count)}
                </a>
              </td>
              <td className="num">
                {fmt.number(total === 0 ? 0 : Math.round((1000 * r.count) / total) / 10)}%
              </td>
              <td className="num">{r.count === 0 ? EMPTY : fmt.money(r.avgSpend)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
