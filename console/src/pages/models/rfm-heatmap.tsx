import type { RfmReport } from '../../api/segments-contract.js';
import { useI18n } from '../../i18n/i18n-provider.js';

const SCORES = [1, 2, 3, 4, 5] as const;

/**
 * Customers by recency (rows, 5 = most recent at the top) and frequency (columns) score, each
 * cell shaded by its count and showing the count and the average spend.
 */
export function RfmHeatmap({ cells }: { cells: RfmReport['cells'] }) {
  const { t, fmt } = useI18n();
  const max = Math.max(...cells.map((c) => c.count), 1);
  const cell = (r: number, f: number) =>
    cells.find((c) => c.r === r && c.f === f) ?? { count: 0, avgSpend: 0 };

  return (
    <figure className="heatmap" data-testid="rfm-heatmap">
      <figcaption className="muted small">{t('models.rfm.heatmapHint')}</figcaption>
      <table>
        <thead>
          <tr>
            <th scope="col" className="heat-axis">
              {t('models.rfm.rf')}
            </th>
            {SCORES.map((f) => (
              <th key={f} scope="col" className="heat-axis">
                F{f}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {[...SCORES].reverse().map((r) => (
            <tr key={r}>
              <th scope="row" className="heat-axis">
                R{r}
              </th>
              {SCORES.map((f) => {
                const { count, avgSpend } = cell(r, f);
                const strength = count / max;
                return (
                  <td
                    key={f}
                    className={strength > 0.55 ? 'heat-cell hot' : 'heat-cell'}
                    style={{
                      backgroundColor: `rgb(59 91 219 / ${(count === 0 ? 0 : 0.08 + 0.82 * strength).toFixed(2)})`,
                    }}
                    title={t('models.rfm.cellTitle', { r, f, count: fmt.number(count) })}
                    data-testid="rfm-cell"
                    data-r={r}
                    data-f={f}
                  >
                    <span className="cell-count" data-testid="rfm-cell-count">
                      {fmt.number(count)}
                    </span>
                    <span className="cell-spend">{count === 0 ? '' : fmt.money(avgSpend)}</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
