const DAY = 86_400_000;

let cachedDay = Number.NaN;
let cachedPrefix = '';

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

/**
 * `new Date(t).toISOString()` for 1970–9999, about five times faster: a user's messages
 * come in bursts on the same day, so the date part is formatted once per day and reused.
 * Generating 20 M events spends a third of its time on timestamps without this.
 */
export function isoTime(t: number): string {
  const day = Math.floor(t / DAY);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedPrefix = new Date(day * DAY).toISOString().slice(0, 11);
  }
  let ms = t - day * DAY;
  const h = Math.floor(ms / 3_600_000);
  ms -= h * 3_600_000;
  const m = Math.floor(ms / 60_000);
  ms -= m * 60_000;
  const s = Math.floor(ms / 1000);
  ms -= s * 1000;
  const msText = ms < 10 ? `00${ms}` : ms < 100 ? `0${ms}` : `${ms}`;
  return `${cachedPrefix}${pad2(h)}:${pad2(m)}:${pad2(s)}.${msText}Z`;
}
