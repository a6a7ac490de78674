import { join, raw, render, type SqlFragment, sql } from '../../stores/events/sql.js';
import { type AggregateColumn, earlier, type Scope, scopeKey } from './aggregate-groups.js';

/**
 * Two expressions are the same column when they render to the same SQL with the same values, up
 * to the names of their lambda parameters: `lambdaVar` gives a fresh one at every build, and the
 * seven lifecycle stages' rules, built seven times, must still be one value.
 */
function keyOf(expr: SqlFragment): string {
  const { text, params } = render(expr, (_, i) => `$${i}`);
  const names = new Map<string, string>();
  const canonical = text.replace(/\bv\d+\b/g, (v) => {
    const name = names.get(v) ?? `v${names.size}`;
    names.set(v, name);
    return name;
  });
  return `${canonical}\n${JSON.stringify(params)}`;
}

/**
 * What a compilation computes per profile, each once per distinct expression, whatever number
 * of definitions use it: the aggregate columns over the events (`a0`, `a1`, …), and the values
 * computed from them (`d0`, `d1`, …) before the definitions' expressions read them.
 */
export class ProfileColumns {
  private readonly aggs = new Map<string, AggregateColumn>();
  private readonly values = new Map<string, { name: string; expr: SqlFragment }>();

  /** Registers an aggregate column and returns its name; `zero`: a count, 0 over no rows. */
  aggregate(expr: SqlFragment, zero: boolean, scope: Scope | undefined): SqlFragment {
    const key = keyOf(expr);
    let a = this.aggs.get(key);
    if (!a) {
      a = { name: `a${this.aggs.size}`, expr, zero, scope };
      this.aggs.set(key, a);
    } else if (a.scope && (!scope || scopeKey(a.scope) !== scopeKey(scope))) {
      // Registered again under another scope: it sees the events of both.
      a.scope =
        a.scope.type === 'track' && scope?.type === 'track'
          ? {
              type: 'track',
              events: [...new Set([...a.scope.events, ...scope.events])],
              from: earlier(a.scope.from, scope.from),
            }
          : a.scope.type === 'any' && scope?.type === 'any'
            ? { type: 'any', from: Math.min(a.scope.from, scope.from) }
            : undefined;
    }
    return raw(a.name);
  }

  aggregates(): AggregateColumn[] {
    return [...this.aggs.values()];
  }

  /**
   * An expression over the aggregate columns and `pid` computed once per profile rather than in
   * every definition that compares it: the models' RFM scores and the stage or tier each profile
   * is in. At 100 M events the benchmark's 83 membership expressions and their lists took
   * 5.7–6.8 s with each score and stage computed wherever it is compared, 3.8–4.4 s with them once.
   */
  value(expr: SqlFragment): SqlFragment {
    const key = keyOf(expr);
    let v = this.values.get(key);
    if (!v) {
      v = { name: `d${this.values.size}`, expr };
      this.values.set(key, v);
    }
    return raw(v.name);
  }

  /** Per-profile rows (`pid` and the aggregate columns) with the values added as columns. */
  withValues(rows: SqlFragment): SqlFragment {
    if (this.values.size === 0) return rows;
    const items = [...this.values.values()].map((v) => sql`${v.expr} AS ${raw(v.name)}`);
    return sql`(SELECT *, ${join(items, raw(', '))} FROM ${rows})`;
  }
}
