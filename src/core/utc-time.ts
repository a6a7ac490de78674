/**
 * `Date.UTC` for every year: `Date.UTC` reads years 0–99 as 1900–1999, so a client's
 * `0001-01-01` would become 1901. Months are 1–12; out-of-range parts roll over as in `Date.UTC`.
 */
export function utcTime(year: number, month: number, day: number, h = 0, mi = 0, s = 0, ms = 0): number {
  const t = Date.UTC(year, month - 1, day, h, mi, s, ms);
  if (year >= 100 || year < 0) return t;
  const d = new Date(t);
  d.setUTCFullYear(d.getUTCFullYear() - 1900);
  return d.getTime();
}
