import { join, raw, type SqlFragment, sql } from '../../stores/events/sql.js';
import type { MODEL_VALUES, ModelName } from '../dsl.js';
import type { Cut, ModelParams } from '../models/model-params.js';
import type { ModelSettings } from '../models/model-settings.js';
import { RF_GRID, RFM_CLASSES, type RfGridSegment, type RfmClass } from '../models/rfm-rules.js';
import { eventTest, type Scope, type TrackScope } from './aggregate-groups.js';
import type { AggFn, Dialect } from './dialect.js';

const DAY = 86_400_000;
const FALSE = raw('1 = 0');
/** An aggregate column; `scope` holds wherever `cond` does (Compiler.aggregateGroups). */
type Agg = (fn: AggFn, x: SqlFragment | null, cond: SqlFragment, scope?: Scope) => SqlFragment;

export interface ModelContext {
  settings: ModelSettings;
  /** Absent until the first full run has computed them: RFM and spending groups are then empty. */
  params: ModelParams | undefined;
}

/**
 * The built-in models (docs/models.md) as expressions over per-profile aggregates, like any
 * other node. RFM scores and spending tiers are relative to all customers: they compare the
 * profile's own (value, pid) with cut points computed at the last full run (`ModelParams`).
 */
export class ModelExprs {
  private readonly orderCond: SqlFragment;

  constructor(
    private readonly d: Dialect,
    private readonly agg: Agg,
    private readonly now: number,
    /** The order events. */
    private readonly orderScope: TrackScope,
    private readonly revenue: SqlFragment,
    private readonly m: ModelContext,
    /** Distinct days with events in the last 30 of the workspace's calendar (Compiler.activeDays30). */
    private readonly activeDays30: () => SqlFragment,
    /** The expression computed once per profile (ProfileColumns.value). */
    private readonly value: (expr: SqlFragment) => SqlFragment,
  ) {
    this.orderCond = eventTest(orderScope);
  }

  group(model: ModelName, value: string): SqlFragment {
    switch (model) {
      case 'rfm_grid':
        return this.rfGrid(value as RfGridSegment);
      case 'rfm_cn8':
        return this.rfmClass(value as RfmClass);
      case 'lifecycle':
        return this.lifecycle(value as (typeof MODEL_VALUES.lifecycle)[number]);
      case 'activity':
        return this.activity(value as (typeof MODEL_VALUES.activity)[number]);
      case 'spending':
        return this.spending(value as (typeof MODEL_VALUES.spending)[number]);
    }
  }

  /** The RFM window's measures: last order time (R is ranked by it), order count, revenue. */
  rfmMeasures() {
    const from = this.now - this.m.settings.rfm.windowDays * DAY;
    const cond = sql`${this.orderCond} AND ts >= ${from}`;
    const o = { ...this.orderScope, from };
    const f = this.agg('count', null, cond, o);
    return {
      r: this.agg('max', raw('ts'), cond, o),
      f,
      m: sql`coalesce(${this.agg('sum', this.revenue, cond, o)}, 0)`,
      customer: sql`${f} > 0`,
    };
  }

  /**
   * Registers the measures the cut points are computed from, whatever the definitions use: the
   * aggregate columns are then the same before and after the cut points change.
   */
  prelude(): void {
    this.rfmMeasures();
    this.spend();
  }

  /** Spend in the spending window; spenders are those above zero. */
  spend(): SqlFragment {
    const from = this.now - this.m.settings.spending.windowDays * DAY;
    const cond = sql`${this.orderCond} AND ts >= ${from}`;
    return sql`coalesce(${this.agg('sum', this.revenue, cond, { ...this.orderScope, from })}, 0)`;
  }

  /** 1–5: one plus the number of quintile cuts the profile is above. */
  score(which: 'r' | 'f' | 'm'): SqlFragment | null {
    const p = this.m.params;
    if (!p || p.rfm.customers === 0) return null;
    const value = this.rfmMeasures()[which];
    const above = p.rfm.cuts[which].map((c) => sql`CASE WHEN ${this.above(value, c)} THEN 1 ELSE 0 END`);
    return this.value(sql`(1 + ${join(above, raw(' + '))})`);
  }

  scoreBetween(which: 'r' | 'f' | 'm', from: number, to: number): SqlFragment {
    const s = this.score(which);
    if (!s) return FALSE;
    return this.d.truthy(sql`(${this.rfmMeasures().customer} AND ${s} BETWEEN ${from} AND ${to})`);
  }

  private above(value: SqlFragment, c: Cut): SqlFragment {
    return sql`(${value} > ${c.v} OR (${value} = ${c.v} AND pid > ${c.pid}))`;
  }

  private rfGrid(id: RfGridSegment): SqlFragment {
    const r = this.score('r');
    const f = this.score('f');
    if (!r || !f) return FALSE;
    const cells = RF_GRID[id].map((c) => sql`(${r} = ${c.r} AND ${f} IN ${c.f})`);
    return this.d.truthy(sql`(${this.rfmMeasures().customer} AND (${join(cells, raw(' OR '))}))`);
  }

  private rfmClass(id: RfmClass): SqlFragment {
    const p = this.m.params;
    if (!p || p.rfm.customers === 0) return FALSE;
    const { r, f, m, customer } = this.rfmMeasures();
    const a = p.rfm.averages;
    const want = RFM_CLASSES[id];
    const side = (high: boolean, x: SqlFragment, avg: number) =>
      high ? sql`${x} >= ${avg}` : sql`${x} < ${avg}`;
    return this.d.truthy(
      sql`(${customer} AND ${side(want.r, r, a.lastOrderAt)} AND ${side(want.f, f, a.frequency)} AND ${side(want.m, m, a.monetary)})`,
    );
  }

  /**
   * Exactly one stage per profile, by the first rule that holds: prospect (no order), churned,
   * at risk (by the last order's age), won back (the gap before the last order was a churn),
   * new (first order recent), loyal (enough orders), active.
   */
  private lifecycle(stage: (typeof MODEL_VALUES.lifecycle)[number]): SqlFragment {
    const l = this.m.settings.lifecycle;
    const o = this.orderCond;
    const os = this.orderScope;
    const orders = this.agg('count', null, o, os);
    const first = this.agg('min', raw('ts'), o, os);
    const last = this.agg('max', raw('ts'), o, os);
    const times = this.agg('list', raw('ts'), o, os);
    const churnMs = l.churnDays * DAY;
    const gapBeforeLast = sql`NOT ${this.d.listAny(
      times,
      (x, [t]) => sql`${x} < ${t!} AND ${x} >= ${t!} - ${churnMs}`,
      [last],
    )}`;
    const rules: [string, SqlFragment][] = [
      ['prospect', sql`${orders} = 0`],
      ['churned', sql`${last} < ${this.now - churnMs}`],
      ['at_risk', sql`${last} < ${this.now - l.atRiskDays * DAY}`],
      ['won_back', sql`${orders} >= 2 AND ${gapBeforeLast}`],
      ['new', sql`${first} >= ${this.now - l.newDays * DAY}`],
      ['loyal', sql`${orders} >= ${l.loyalOrders}`],
      ['active', raw('1 = 1')],
    ];
    return this.firstRule(rules, stage);
  }

  /** Days with any event in the last 30: high, medium, low (at least one), dormant (none). */
  private activity(level: (typeof MODEL_VALUES.activity)[number]): SqlFragment {
    const a = this.m.settings.activity;
    const days = this.activeDays30();
    return this.firstRule(
      [
        ['high', sql`${days} >= ${a.highDays}`],
        ['medium', sql`${days} >= ${a.mediumDays}`],
        ['low', sql`${days} >= 1`],
        ['dormant', raw('1 = 1')],
      ],
      level,
    );
  }

  /** Spenders above the high cut: high; above the medium cut: medium; other spenders: low. */
  private spending(tier: (typeof MODEL_VALUES.spending)[number]): SqlFragment {
    const p = this.m.params?.spending;
    if (!p || p.spenders === 0) return FALSE;
    const spend = this.spend();
    const above = (c: Cut | null) => (c ? this.above(spend, c) : FALSE);
    return this.d.truthy(
      sql`(${spend} > 0 AND ${this.firstRule(
        [
          ['high', above(p.high)],
          ['medium', above(p.medium)],
          ['low', raw('1 = 1')],
        ],
        tier,
      )})`,
    );
  }

  /** Among the profile's `top` most frequent categories in the interest window (ties share a place). */
  interest(
    category: string,
    categoryOf: SqlFragment,
    interestCond: SqlFragment,
    events: TrackScope,
  ): SqlFragment {
    const i = this.m.settings.interests;
    const from = this.now - i.windowDays * DAY;
    const cond = sql`${interestCond} AND ts >= ${from}`;
    const scope = { ...events, from };
    const mine = this.agg('count', null, sql`${cond} AND ${categoryOf} = ${category}`, scope);
    const all = this.agg('freq', categoryOf, sql`${cond} AND ${categoryOf} IS NOT NULL`, scope);
    return this.d.truthy(sql`(${mine} > 0 AND ${this.d.moreFrequent(all, mine)} < ${i.top})`);
  }

  /**
   * `value` is the first rule that holds. Which one that is gets computed once per profile, as
   * the id of the first rule that holds (none of the rules is NULL where the ones before it
   * are false), and every group of the model compares it.
   */
  private firstRule(rules: [string, SqlFragment][], value: string): SqlFragment {
    if (!rules.some(([id]) => id === value)) return FALSE;
    const first = this.value(
      sql`CASE ${join(
        rules.map(([id, cond]) => sql`WHEN ${cond} THEN ${id}`),
        raw(' '),
      )} END`,
    );
    return this.d.truthy(sql`(${first} = ${value})`);
  }
}
