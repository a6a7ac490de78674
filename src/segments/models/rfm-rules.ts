import { MODEL_VALUES } from '../dsl.js';

export type RfGridSegment = (typeof MODEL_VALUES.rfm_grid)[number];
export type RfmClass = (typeof MODEL_VALUES.rfm_cn8)[number];

/**
 * The 11-segment RF grid: every (R, F) score pair belongs to exactly one segment.
 *
 *          F=1              F=2               F=3               F=4             F=5
 *   R=5    new customers    potential loyal.  potential loyal.  champions       champions
 *   R=4    promising        potential loyal.  potential loyal.  loyal           loyal
 *   R=3    about to sleep   about to sleep    need attention    loyal           loyal
 *   R=2    hibernating      hibernating       at risk           at risk         can't lose them
 *   R=1    lost             lost              at risk           at risk         can't lose them
 */
export const RF_GRID: Record<RfGridSegment, { r: number; f: number[] }[]> = {
  champions: [{ r: 5, f: [4, 5] }],
  loyal_customers: [
    { r: 4, f: [4, 5] },
    { r: 3, f: [4, 5] },
  ],
  potential_loyalists: [
    { r: 5, f: [2, 3] },
    { r: 4, f: [2, 3] },
  ],
  new_customers: [{ r: 5, f: [1] }],
  promising: [{ r: 4, f: [1] }],
  need_attention: [{ r: 3, f: [3] }],
  about_to_sleep: [{ r: 3, f: [1, 2] }],
  at_risk: [
    { r: 2, f: [3, 4] },
    { r: 1, f: [3, 4] },
  ],
  cant_lose_them: [
    { r: 2, f: [5] },
    { r: 1, f: [5] },
  ],
  hibernating: [{ r: 2, f: [1, 2] }],
  lost: [{ r: 1, f: [1, 2] }],
};

/** The grid segment of an (R, F) pair. */
export function rfGridSegment(r: number, f: number): RfGridSegment {
  for (const id of MODEL_VALUES.rfm_grid)
    if (RF_GRID[id].some((c) => c.r === r && c.f.includes(f))) return id;
  throw new Error(`no RF grid cell ${r}${f}`);
}

/**
 * The 8-class model: R, F and M each high (at or better than the customers' average) or low.
 * Recency is high when the last order is at least as recent as the average last order.
 */
export const RFM_CLASSES: Record<RfmClass, { r: boolean; f: boolean; m: boolean }> = {
  important_value: { r: true, f: true, m: true },
  important_development: { r: true, f: false, m: true },
  important_retention: { r: false, f: true, m: true },
  important_recovery: { r: false, f: false, m: true },
  general_value: { r: true, f: true, m: false },
  general_development: { r: true, f: false, m: false },
  general_retention: { r: false, f: true, m: false },
  general_recovery: { r: false, f: false, m: false },
};

/** Names as operators in China use them. */
export const RFM_CLASS_NAMES_ZH: Record<RfmClass, string> = {
  important_value: '重要价值客户',
  important_development: '重要发展客户',
  important_retention: '重要保持客户',
  important_recovery: '重要挽留客户',
  general_value: '一般价值客户',
  general_development: '一般发展客户',
  general_retention: '一般保持客户',
  general_recovery: '一般挽留客户',
};
