import { offsetSpans } from '../../core/time-zone.js';
import { join, raw, type SqlFragment, sql } from '../../stores/events/sql.js';
import type { Dialect } from './dialect.js';

const DAY = 86_400_000;

/**
 * The event's day on the workspace's calendar (days since 1970-01-01 there), exact for
 * events in [from, now]: the zone's offsets over that time are bound as constants, so no
 * engine needs time zone data.
 *
 *   floor((ts + 28800000) / 86400000)                                   -- Asia/Shanghai
 *   floor((ts + CASE WHEN ts < 1774746000000 THEN 0 ELSE 3600000 END) / 86400000)  -- Europe/London
 */
export function localDayExpr(d: Dialect, timeZone: string, from: number, now: number): SqlFragment {
  const spans = offsetSpans(timeZone, from, now);
  const [first, ...rest] = spans;
  if (!first || (rest.length === 0 && first.offset === 0)) return d.floorDiv(raw('ts'), DAY);
  const offset =
    rest.length === 0
      ? sql`${first.offset}`
      : sql`CASE ${join(
          rest.map((s, i) => sql`WHEN ts < ${s.start} THEN ${spans[i]!.offset}`),
          raw(' '),
        )} ELSE ${rest.at(-1)!.offset} END`;
  return d.floorDiv(sql`(ts + ${offset})`, DAY);
}
