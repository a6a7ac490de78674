import { type SqlFragment, sql } from '../../stores/events/sql.js';
import type { Cut, ModelParams } from '../models/model-params.js';
import { type CompileContext, Compiler } from './compiler.js';
import type { Dialect } from './dialect.js';
import { perProfile } from './one-pass.js';

const DAY = 86_400_000;
const QUINTILES = [1, 2, 3, 4];

/**
 * The cut points and averages of the relative models, in one scan of the workspace's events:
 * for each measure over customers (and spend over spenders), the (value, pid) pairs at the
 * boundary ranks of their order by value then pid (`Dialect.rankedPairs`).
 *
 *   SELECT n_rfm, avg_r, r1_v, r1_p, …, n_spend, spend_high_v, … FROM (<per-profile aggregates>)
 */
export function modelParamsQuery(dialect: Dialect, ctx: CompileContext): SqlFragment {
  const c = new Compiler(dialect, ctx);
  c.models.prelude();
  return modelParamsFrom(c, perProfile(c, ctx));
}

/** The same over per-profile rows already computed by `c`'s aggregates (after its prelude). */
export function modelParamsFrom(c: Compiler, perProfileRows: SqlFragment): SqlFragment {
  const { r, f, m, customer } = c.models.rfmMeasures();
  const spend = c.models.spend();
  const s = c.ctx.models.settings.spending;
  const quintiles = (name: string) => QUINTILES.map((k) => ({ name: `${name}${k}`, k, parts: 5 }));
  return c.dialect.rankedPairs(perProfileRows, [
    { value: r, cond: customer, count: 'n_rfm', avg: 'avg_r', picks: quintiles('r') },
    { value: f, cond: customer, avg: 'avg_f', picks: quintiles('f') },
    { value: m, cond: customer, avg: 'avg_m', picks: quintiles('m') },
    {
      value: spend,
      cond: sql`${spend} > 0`,
      count: 'n_spend',
      picks: [
        { name: 'spend_high', k: s.highPercentile, parts: 100 },
        { name: 'spend_medium', k: s.mediumPercentile, parts: 100 },
      ],
    },
  ]);
}

export function readModelParams(row: Record<string, unknown>, now: number): ModelParams {
  const cut = (name: string): Cut => ({ v: Number(row[`${name}_v`]), pid: String(row[`${name}_p`]) });
  const customers = Number(row.n_rfm ?? 0);
  const spenders = Number(row.n_spend ?? 0);
  const lastOrderAt = customers > 0 ? Number(row.avg_r) : 0;
  return {
    computedAt: now,
    rfm: {
      customers,
      cuts:
        customers > 0
          ? {
              r: QUINTILES.map((k) => cut(`r${k}`)),
              f: QUINTILES.map((k) => cut(`f${k}`)),
              m: QUINTILES.map((k) => cut(`m${k}`)),
            }
          : { r: [], f: [], m: [] },
      averages: {
        lastOrderAt,
        recencyDays: customers > 0 ? (now - lastOrderAt) / DAY : 0,
        frequency: customers > 0 ? Number(row.avg_f) : 0,
        monetary: customers > 0 ? Number(row.avg_m) : 0,
      },
    },
    spending: {
      spenders,
      high: spenders > 0 ? cut('spend_high') : null,
      medium: spenders > 0 ? cut('spend_medium') : null,
    },
  };
}
