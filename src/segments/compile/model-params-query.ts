import { join, raw, type SqlFragment, sql } from '../../stores/events/sql.js';
import type { Cut, ModelParams } from '../models/model-params.js';
import { type CompileContext, Compiler } from './compiler.js';
import type { Dialect } from './dialect.js';
import { perProfile } from './one-pass.js';

const DAY = 86_400_000;
const QUINTILES = [1, 2, 3, 4];

/**
 * The cut points and averages of the relative models, in one scan of the workspace's events:
 * each measure's (value, pid) pairs over customers, sorted, and the pairs at the boundary ranks.
 *
 *   SELECT len(sr) AS n_rfm, sr[⌈n·1/5⌉].v AS r1_v, sr[⌈n·1/5⌉].p AS r1_p, …, avg_r, …
 *   FROM (SELECT list_sort(list({v: r, p: pid}) FILTER (WHERE customer)) AS sr, …
 *         FROM (<per-profile aggregates>))
 */
export function modelParamsQuery(dialect: Dialect, ctx: CompileContext): SqlFragment {
  const c = new Compiler(dialect, ctx);
  c.models.prelude();
  return modelParamsFrom(c, perProfile(c, ctx));
}

/** The same over per-profile rows already computed by `c`'s aggregates (after its prelude). */
export function modelParamsFrom(c: Compiler, perProfileRows: SqlFragment): SqlFragment {
  const dialect = c.dialect;
  const { r, f, m, customer } = c.models.rfmMeasures();
  const spend = c.models.spend();
  const s = c.ctx.models.settings.spending;
  const inner = sql`(SELECT ${join(
    [
      sql`${dialect.sortedPairs(r, customer)} AS sr`,
      sql`${dialect.sortedPairs(f, customer)} AS sf`,
      sql`${dialect.sortedPairs(m, customer)} AS sm`,
      sql`${dialect.sortedPairs(spend, sql`${spend} > 0`)} AS ss`,
      sql`${dialect.aggIf('avg', r, customer)} AS avg_r`,
      sql`${dialect.aggIf('avg', f, customer)} AS avg_f`,
      sql`${dialect.aggIf('avg', m, customer)} AS avg_m`,
    ],
    raw(', '),
  )} FROM ${perProfileRows})`;
  const picks: SqlFragment[] = [
    sql`${dialect.listLength(raw('sr'))} AS n_rfm`,
    sql`${dialect.listLength(raw('ss'))} AS n_spend`,
    sql`avg_r`,
    sql`avg_f`,
    sql`avg_m`,
  ];
  const pick = (list: string, name: string, k: number, parts: number) => {
    const [v, p] = dialect.pairAt(raw(list), k, parts);
    picks.push(sql`${v} AS ${raw(`${name}_v`)}`, sql`${p} AS ${raw(`${name}_p`)}`);
  };
  for (const k of QUINTILES) {
    pick('sr', `r${k}`, k, 5);
    pick('sf', `f${k}`, k, 5);
    pick('sm', `m${k}`, k, 5);
  }
  pick('ss', 'spend_high', s.highPercentile, 100);
  pick('ss', 'spend_medium', s.mediumPercentile, 100);
  return sql`SELECT ${join(picks, raw(', '))} FROM ${inner}`;
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
