import { duckdbJsonPath as path } from '../../stores/events/json-path.js';
import { join, raw, type SqlFragment, sql } from '../../stores/events/sql.js';
import { type AggFn, type Dialect, lambdaVar } from './dialect.js';

const AGG: Record<AggFn, string> = {
  count: 'count',
  sum: 'sum',
  avg: 'avg',
  min: 'min',
  max: 'max',
  uniq: 'count',
  list: 'list',
  freq: 'histogram',
};

export const duckdbDialect: Dialect = {
  name: 'duckdb',
  // DuckDB computes an aggregate's input for every row before FILTER drops rows; an input
  // under CASE is computed only where the condition holds. On a large workspace that is the
  // difference between extracting a JSON property from every event and from a few.
  aggIf(fn, x, cond) {
    if (fn === 'count') return sql`count(*) FILTER (WHERE ${cond})`;
    const only = sql`CASE WHEN ${cond} THEN ${x!} END`;
    if (fn === 'uniq') return sql`count(DISTINCT ${only})`;
    if (fn === 'list' || fn === 'freq') return sql`${raw(AGG[fn])}(${only}) FILTER (WHERE ${cond})`;
    return sql`${raw(AGG[fn])}(${only})`;
  },
  // DuckDB's arg_max skips rows whose value is NULL, so the CASE alone keeps the other rows out;
  // a FILTER with the same condition as well made the seven traits of 5 M identify events take
  // 6.8–6.9 s instead of 5.3–6.5 s.
  argMaxIf: (x, by, cond) => sql`arg_max(CASE WHEN ${cond} THEN ${x} END, ${by})`,
  jsonHas: (col, key) => sql`coalesce(json_type(${col}, ${path(key)}), 'NULL') <> 'NULL'`,
  jsonText: (col, key) => sql`json_extract_string(${col}, ${path(key)})`,
  jsonTextList: (col, keys) =>
    sql`json_extract_string(${col}, [${join(
      keys.map((k) => sql`${path(k)}`),
      raw(', '),
    )}])`,
  jsonTextNullWhenAbsent: true,
  sharesReads: true,
  // A wide hash aggregation costs more than its columns apart: at 10 M events and a million
  // profiles, 56 columns took 15.5–21.5 s in one GROUP BY and 6.4 + 7.9 s in two of 28. The
  // benchmark's 80 segments took 18.6–20.0 s whole and 14–18 s split into 2–6 groups, with no
  // clear best size among them (docs/benchmarks.md).
  aggregatesPerGroupBy: 24,
  // Read straight from the joins, the membership expressions took 4.5 s more at 10 M events
  // than from the same rows materialized first (12.8 s against 7.8 s for the benchmark's 50),
  // where one aggregation adds nothing either way.
  materialize: (rows) => sql`(WITH per_profile AS MATERIALIZED ${rows} SELECT * FROM per_profile)`,
  toNumber: (text) => sql`TRY_CAST(${text} AS DOUBLE)`,
  // One cast: the store's session time zone is UTC (duckdb-event-store.ts), so a text without
  // an offset is a UTC time. The cast back to TIMESTAMP took 0.5 of the 0.8 s a date condition
  // cost over 1 M profiles.
  dateMs: (text) => sql`epoch_ms(TRY_CAST(${text} AS TIMESTAMPTZ))`,
  monthDay: (text) => sql`strftime(make_timestamp(epoch_us(TRY_CAST(${text} AS TIMESTAMPTZ))), '%m-%d')`,
  containsCi: (text, part) => sql`contains(lower(${text}), lower(${part}))`,
  startsWith: (text, prefix) => sql`starts_with(${text}, ${prefix})`,
  endsWith: (text, suffix) => sql`suffix(${text}, ${suffix})`,
  // A list aggregate over no rows is NULL, not empty. DuckDB lambdas see columns directly.
  listAny: (list, pred, captures = []) => {
    const v = lambdaVar();
    return sql`coalesce(len(list_filter(${list}, ${raw(v)} -> ${pred(raw(v), captures)})), 0) > 0`;
  },
  listAnyPair(a, b, pred) {
    return this.listAny(a, (x) => this.listAny(b, (y) => pred(x, y)));
  },
  truthy: (cond) => sql`coalesce(${cond}, false)`,
  bucket: (pid, salt) => sql`CAST(('0x' || substr(md5(${salt} || ':' || ${pid}), 1, 8)) AS UBIGINT) % 100`,
  floorDiv: (a, b) => sql`floor(${a} / ${b})`,
  attributedEvents(ws, now, restrict, sources, columns = []) {
    // A test on the stored profile id is pushed into the scan, which then reads the other
    // columns only for the matching rows; the test on the survivor is not.
    const pre = sources === undefined ? sql`` : sql` AND e.profile_id IN ${sources}`;
    const only =
      restrict === undefined ? sql`` : sql`${pre} AND coalesce(m.into_profile, e.profile_id) IN ${restrict}`;
    const stored = columns
      .map((col) => {
        if (!/^m_\d+$/.test(col)) throw new Error(`not a key column: ${col}`);
        return `, e.${col} AS ${col}`;
      })
      .join('');
    return sql`(SELECT coalesce(m.into_profile, e.profile_id) AS pid, e.type AS type, e.event AS event,
        e.timestamp AS ts, e.properties AS props, e.traits AS traits, e.user_id AS user_id, e.anonymous_id AS anonymous_id${raw(stored)}
      FROM events e LEFT JOIN profile_merges m ON m.workspace_id = e.workspace_id AND m.from_profile = e.profile_id
      WHERE e.workspace_id = ${ws} AND e.timestamp <= ${now}${only})`;
  },
  idList(pairs) {
    if (pairs.length === 0) return sql`[]::VARCHAR[]`;
    const items = pairs.map(([id, flag]) => sql`CASE WHEN ${flag} THEN ${id} END`);
    return sql`list_filter([${join(items, raw(', '))}]::VARCHAR[], x -> x IS NOT NULL)`;
  },
  sampleIf: (x, cond, n) => sql`coalesce(min(${x}, ${n}) FILTER (WHERE ${cond}), []::VARCHAR[])`,
  storedMembership(ws, restrict) {
    const only = restrict === undefined ? sql`` : sql` AND profile_id IN ${restrict}`;
    return sql`(SELECT profile_id AS pid, segments AS segs FROM segment_members WHERE workspace_id = ${ws}${only})`;
  },
  listHas: (list, value) => sql`list_contains(${list}, ${value})`,
  memberCounts(ws) {
    return sql`SELECT s AS segment_id, count(*) AS n
      FROM (SELECT unnest(segments) AS s FROM segment_members WHERE workspace_id = ${ws}) GROUP BY s`;
  },
  // Each measure numbered by a window over its rows: at 100 M events the four measures of the
  // models' cut points took 0.7–0.9 s ranked, 1.6–2.4 s as sorted lists of pairs.
  rankedPairs(rows, measures) {
    const cols = measures.flatMap((m, i) => [
      sql`${m.value} AS ${raw(`v${i}`)}`,
      sql`${m.cond} AS ${raw(`c${i}`)}`,
    ]);
    const totals: SqlFragment[] = [];
    const parts = measures.map((m, i) => {
      const [v, c] = [raw(`v${i}`), raw(`c${i}`)];
      if (m.count) totals.push(sql`count(*) FILTER (WHERE ${c}) AS ${raw(m.count)}`);
      if (m.avg) totals.push(sql`avg(${v}) FILTER (WHERE ${c}) AS ${raw(m.avg)}`);
      const picks = m.picks.flatMap((p) => {
        const at = raw(`k = greatest(1, (n * ${p.k} + ${p.parts - 1}) // ${p.parts})`);
        return [
          sql`max(v) FILTER (WHERE ${at}) AS ${raw(`${p.name}_v`)}`,
          sql`max(pid) FILTER (WHERE ${at}) AS ${raw(`${p.name}_p`)}`,
        ];
      });
      return sql`(SELECT ${join(picks, raw(', '))} FROM (SELECT ${v} AS v, pid,
        row_number() OVER (ORDER BY ${v}, pid) AS k, count(*) OVER () AS n FROM ranked WHERE ${c}))`;
    });
    const from = [
      ...(totals.length > 0 ? [sql`(SELECT ${join(totals, raw(', '))} FROM ranked)`] : []),
      ...parts,
    ];
    return sql`WITH ranked AS MATERIALIZED (SELECT pid, ${join(cols, raw(', '))} FROM ${rows})
      SELECT * FROM ${join(from, raw(', '))}`;
  },
  // A histogram (a map of value to count) rather than the list of every value: at 10 M events
  // the interest preview took 2.1 s with the list and its per-value recount, 1.7 s with this.
  moreFrequent(freq, count) {
    const v = lambdaVar();
    return sql`coalesce(len(list_filter(map_values(${freq}), ${raw(v)} -> ${raw(v)} > ${count})), 0)`;
  },
  listMembers: (ws, listId, version) =>
    sql`(SELECT coalesce(m.into_profile, l.profile_id) FROM list_members l
      LEFT JOIN profile_merges m ON m.workspace_id = l.workspace_id AND m.from_profile = l.profile_id
      WHERE l.workspace_id = ${ws} AND l.list_id = ${listId} AND l.version = ${version})`,
  membershipDiff: (cur, old) =>
    sql`SELECT coalesce(c.pid, o.pid) AS pid, coalesce(o.segs, []::VARCHAR[]) AS before, coalesce(c.segs, []::VARCHAR[]) AS after
      FROM ${cur} c FULL OUTER JOIN ${old} o ON c.pid = o.pid
      WHERE coalesce(o.segs, []::VARCHAR[]) <> coalesce(c.segs, []::VARCHAR[])`,
};
