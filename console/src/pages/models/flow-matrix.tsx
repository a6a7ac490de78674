import { type LifecycleReport, MODEL_VALUES } from '../../api/segments-contract.js';
import { useI18n } from '../../i18n/i18n-provider.js';
import { modelGroupLabel } from '../segments/model-labels.js';

const STAGES = MODEL_VALUES.lifecycle;

/**
 * Stage changes as a from → to matrix: one row per stage left (plus "no stage yet" for first
 * assignments), one column per stage entered, cells shaded by count. A Sankey diagram shows the
 * same, but with seven stages the matrix stays readable and every number can be read off.
 */
export function FlowMatrix({ flows }: { flows: LifecycleReport['flows'] }) {
  const { t, fmt } = useI18n();
  if (flows.every((f) => f.count === 0)) return <p className="empty">{t('models.lifecycle.noFlows')}</p>;

  const max = Math.max(...flows.map((f) => f.count), 1);
  const count = (from: string | null, to: string) =>
    flows.filter((f) => f.from === from && f.to === to).reduce((sum, f) => sum + f.count, 0);
  const rows: (string | null)[] = [null, ...STAGES].filter((from) =>
    STAGES.some((to) => count(from, to) > 0),
  );
  const label = (stage: string) => modelGroupLabel(t, 'lifecycle', stage);

  return (
    <div className="table-wrap">
      <table className="data flow-matrix" data-testid="lifecycle-flows">
        <thead>
          <tr>
            <th>{t('models.lifecycle.fromTo')}</th>
            {STAGES.map((to) => (
              <th key={to} className="num">
                {label(to)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((from) => (
            <tr key={from ?? 'none'} data-from={from ?? ''}>
              <th scope="row">{from === null ? t('models.lifecycle.firstStage') : label(from)}</th>
              {STAGES.map((to) => {
                const n = count(from, to);
                return (
                  <td
                    key={to}
                    className="num"
                    style={
                      n === 0
                        ? undefined
                        : { backgroundColor: `rgb(59 91 219 / ${(0.08 + (0.5 * n) / max).toFixed(2)})` }
                    }
                    title={`${from === null ? t('models.lifecycle.firstStage') : label(from)} → ${label(to)}: ${fmt.number(n)}`}
                    data-testid="flow-cell"
                    data-to={to}
                  >
                    {n === 0 ? '' : fmt.number(n)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
