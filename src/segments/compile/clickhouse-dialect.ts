import { join, raw, type SqlFragment, sql } from '../../stores/events/sql.js';
import { type Dialect, lambdaVar } from './dialect.js';

/**
 * ClickHouse, down to 18.16 (Debian's package): no CTE subqueries, no window functions, JSON
 * read with the `visitParam*` functions (top-level keys only), aggregates with `-If`
 * combinators, JOINs with explicit strictness and USING, missing values as type defaults.
 */
export const clickhouseDialect: Dialect = {
  name: 'clickhouse',
  aggIf(fn, x, cond) {
    switch (fn) {
      case 'count':
        return sql`countIf(${cond})`;
      case 'uniq':
        return sql`uniqExactIf(${x!}, ${cond})`;
      case 'list':
      case 'freq': // the values themselves; moreFrequent counts them
        return sql`groupArrayIf(${x!}, ${cond})`;
      case 'sum':
        return sql`sumIf(${x!}, ${cond})`;
      case 'avg':
        return sql`avgIf(${x!}, ${cond})`;
      case 'min':
        return sql`minIf(${x!}, ${cond})`;
      case 'max':
        return sql`maxIf(${x!}, ${cond})`;
    }
  },
  argMaxIf: (x, by, cond) => sql`argMaxIf(${x}, ${by}, ${cond})`,
  jsonHas: (col, key) =>
    sql`(visitParamHas(${col}, ${key}) AND visitParamExtractRaw(${col}, ${key}) != 'null')`,
  // A string value comes back unquoted; anything else as its raw JSON text.
  jsonText: (col, key) =>
    sql`if(substring(visitParamExtractRaw(${col}, ${key}), 1, 1) = '"', visitParamExtractString(${col}, ${key}), visitParamExtractRaw(${col}, ${key}))`,
  // visitParamExtractRaw gives '' for a missing key, so presence is tested apart.
  jsonTextNullWhenAbsent: false,
  sharesReads: false,
  toNumber: (text) => sql`toFloat64OrNull(${text})`,
  dateMs: (text) => sql`toInt64(toUnixTimestamp(parseDateTimeBestEffortOrNull(${text}))) * 1000`,
  monthDay: (text) => sql`formatDateTime(parseDateTimeBestEffortOrNull(${text}), '%m-%d')`,
  containsCi: (text, part) => sql`positionCaseInsensitiveUTF8(${text}, ${part}) > 0`,
  startsWith: (text, prefix) => sql`substring(${text}, 1, length(${prefix})) = ${prefix}`,
  endsWith: (text, suffix) =>
    sql`(length(${text}) >= length(${suffix}) AND substring(${text}, length(${text}) - length(${suffix}) + 1) = ${suffix})`,
  // Captured values travel as extra arrays of the list's length: 18.16 lambdas see no columns.
  listAny: (list, pred, captures = []) => {
    const v = lambdaVar();
    const names = captures.map(() => lambdaVar());
    const params = join([v, ...names].map(raw), raw(', '));
    const extra = captures.map((c) => sql`, arrayResize([${c}], length(${list}), ${c})`);
    return sql`arrayExists((${params}) -> ${pred(raw(v), names.map(raw))}, ${list}${join(extra, raw(''))})`;
  },
  listAnyPair(a, b, pred) {
    return this.listAny(a, (x, [bs]) => this.listAny(bs!, (y) => pred(x, y)), [b]);
  },
  truthy: (cond) => sql`coalesce(${cond}, 0)`,
  bucket: (pid, salt) =>
    sql`reinterpretAsUInt32(reverse(unhex(substring(hex(MD5(concat(${salt}, ':', ${pid}))), 1, 8)))) % 100`,
  floorDiv: (a, b) => sql`floor(${a} / ${b})`,
  attributedEvents(ws, now, restrict) {
    const only =
      restrict === undefined
        ? sql``
        : sql` AND (profile_id IN ${restrict} OR profile_id IN (SELECT from_profile FROM profile_merges WHERE workspace_id = ${ws} AND into_profile IN ${restrict}))`;
    return sql`(SELECT if(into_profile = '', profile_id, into_profile) AS pid, type, event, timestamp AS ts,
        properties AS props, traits, user_id, anonymous_id
      FROM events ANY LEFT JOIN (
        SELECT from_profile AS profile_id, argMax(into_profile, merged_at) AS into_profile
        FROM profile_merges WHERE workspace_id = ${ws} GROUP BY from_profile
      ) USING profile_id
      WHERE workspace_id = ${ws} AND timestamp <= ${now}${only})`;
  },
  idList(pairs) {
    if (pairs.length === 0) return sql`emptyArrayString()`;
    const items = pairs.map(([id, flag]) => sql`if(${flag}, ${id}, '')`);
    return sql`arrayFilter(x -> x != '', [${join(items, raw(', '))}])`;
  },
  sampleIf: (x, cond, n) => sql`groupArrayIf(${raw(String(Math.trunc(n)))})(${x}, ${cond})`,
  storedMembership(ws, restrict) {
    const only = restrict === undefined ? sql`` : sql` AND profile_id IN ${restrict}`;
    return sql`(SELECT profile_id AS pid, argMax(segments, run_id) AS segs FROM segment_members
      WHERE workspace_id = ${ws}${only} GROUP BY profile_id)`;
  },
  listHas: (list, value) => sql`has(${list}, ${value})`,
  memberCounts(ws) {
    return sql`SELECT s AS segment_id, count() AS n FROM ${clickhouseDialect.storedMembership(ws)} ARRAY JOIN segs AS s GROUP BY s`;
  },
  // No window functions before ClickHouse 21: each measure's pairs in one sorted array.
  rankedPairs(rows, measures) {
    const inner: SqlFragment[] = [];
    const outer: SqlFragment[] = [];
    measures.forEach((m, i) => {
      const list = raw(`sorted_${i}`);
      inner.push(sql`arraySort(groupArrayIf((${m.value}, pid), ${m.cond})) AS ${list}`);
      if (m.count) outer.push(sql`length(${list}) AS ${raw(m.count)}`);
      if (m.avg) {
        inner.push(sql`avgIf(${m.value}, ${m.cond}) AS ${raw(m.avg)}`);
        outer.push(raw(m.avg));
      }
      for (const p of m.picks) {
        const rank = sql`greatest(1, intDiv(length(${list}) * ${p.k} + ${p.parts - 1}, ${p.parts}))`;
        const at = sql`arrayElement(${list}, toUInt64(${rank}))`;
        outer.push(
          sql`tupleElement(${at}, 1) AS ${raw(`${p.name}_v`)}`,
          sql`tupleElement(${at}, 2) AS ${raw(`${p.name}_p`)}`,
        );
      }
    });
    return sql`SELECT ${join(outer, raw(', '))} FROM (SELECT ${join(inner, raw(', '))} FROM ${rows})`;
  },
  moreFrequent(list, count) {
    const [y, l, t] = [lambdaVar(), lambdaVar(), lambdaVar()];
    const distinct = sql`arrayDistinct(${list})`;
    const n = sql`length(${distinct})`;
    return sql`arrayCount((${raw(y)}, ${raw(l)}, ${raw(t)}) -> countEqual(${raw(l)}, ${raw(y)}) > ${raw(t)}, ${distinct}, arrayResize([${list}], ${n}, ${list}), arrayResize([${count}], ${n}, ${count}))`;
  },
  listMembers: (ws, listId, version) =>
    sql`(SELECT if(into_profile = '', profile_id, into_profile) FROM (
        SELECT profile_id FROM list_members WHERE workspace_id = ${ws} AND list_id = ${listId} AND version = ${version}
      ) ANY LEFT JOIN (
        SELECT from_profile AS profile_id, argMax(into_profile, merged_at) AS into_profile
        FROM profile_merges WHERE workspace_id = ${ws} GROUP BY from_profile
      ) USING profile_id)`,
  membershipDiff: (cur, old) =>
    sql`SELECT pid, before, after FROM (SELECT pid, segs AS after FROM ${cur})
      ALL FULL OUTER JOIN (SELECT pid, segs AS before FROM ${old}) USING pid
      WHERE before != after`,
};
