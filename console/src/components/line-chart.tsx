import { useI18n } from '../i18n/i18n-provider.js';

export interface ChartPoint {
  at: string;
  value: number;
}

const WIDTH = 600;
const HEIGHT = 180;
const PAD = { left: 48, right: 12, top: 12, bottom: 24 };
/** More points than pixels only slow the browser down; the shape survives thinning. */
const MAX_POINTS = 300;

/** A value over time as an SVG line, from zero to the highest value, dated at both ends. */
export function LineChart({
  points,
  label,
  testId,
}: {
  points: readonly ChartPoint[];
  label: string;
  testId: string;
}) {
  const { fmt } = useI18n();
  const shown = thin(points);
  const first = shown[0];
  const last = shown.at(-1);
  if (first === undefined || last === undefined) return null;

  const t0 = Date.parse(first.at);
  const span = Math.max(Date.parse(last.at) - t0, 1);
  const max = Math.max(...shown.map((p) => p.value), 1);
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const x = (p: ChartPoint) =>
    PAD.left + (shown.length === 1 ? innerW : ((Date.parse(p.at) - t0) / span) * innerW);
  const y = (v: number) => PAD.top + innerH - (v / max) * innerH;
  const line = shown.map((p) => `${x(p).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  const base = y(0).toFixed(1);
  const area = `${x(first).toFixed(1)},${base} ${line} ${x(last).toFixed(1)},${base}`;

  return (
    <svg
      className="line-chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={label}
      data-testid={testId}
      data-points={points.length}
    >
      <line className="axis" x1={PAD.left} x2={WIDTH - PAD.right} y1={y(0)} y2={y(0)} />
      <line className="grid" x1={PAD.left} x2={WIDTH - PAD.right} y1={y(max)} y2={y(max)} />
      <text className="tick" x={PAD.left - 6} y={y(max) + 4} textAnchor="end">
        {fmt.number(max)}
      </text>
      <text className="tick" x={PAD.left - 6} y={y(0) + 4} textAnchor="end">
        0
      </text>
      <polygon className="area" points={area} />
      <polyline className="line" points={line} />
      <circle className="dot" cx={x(last)} cy={y(last.value)} r={3}>
        <title>{`${fmt.dateTime(last.at)}: ${fmt.number(last.value)}`}</title>
      </circle>
      <text className="tick" x={PAD.left} y={HEIGHT - 6}>
        {fmt.date(first.at)}
      </text>
      <text className="tick" x={WIDTH - PAD.right} y={HEIGHT - 6} textAnchor="end">
        {fmt.date(last.at)}
      </text>
    </svg>
  );
}

function thin(points: readonly ChartPoint[]): readonly ChartPoint[] {
  if (points.length <= MAX_POINTS) return points;
  const step = Math.ceil(points.length / MAX_POINTS);
  const kept = points.filter((_, i) => i % step === 0);
  const last = points.at(-1);
  return last !== undefined && kept.at(-1) !== last ? [...kept, last] : kept;
}
