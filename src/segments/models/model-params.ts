/**
 * What the relative models need from all of a workspace's customers, computed at each full
 * run (`modelParamsQuery`) and bound into later runs as constants, so that a profile's RFM
 * scores and spending tier can be evaluated from its own events alone (live, incrementally).
 *
 * A cut is a (value, profile id) pair: ranks are by value, ties broken by profile id, so a
 * score never depends on scan order. A profile is above a cut when (value, pid) > (cut.v, cut.pid).
 */
export interface Cut {
  v: number;
  pid: string;
}

export interface ModelParams {
  /** Epoch ms of the computation. */
  computedAt: number;
  rfm: {
    /** Profiles with at least one order in the RFM window. */
    customers: number;
    /** Four cuts per measure: the quintile boundaries. R is ranked by the last order's time. */
    cuts: { r: Cut[]; f: Cut[]; m: Cut[] };
    /** Averages over customers, for the 8-class model; `lastOrderAt` is epoch ms. */
    averages: { lastOrderAt: number; recencyDays: number; frequency: number; monetary: number };
  };
  spending: {
    /** Profiles with spend > 0 in the spending window. */
    spenders: number;
    high: Cut | null;
    medium: Cut | null;
  };
}
