import { formatTime } from '../lib/format.js';

/** One reading of a numeric property. */
export interface ChartPoint {
  time: number;
  value: number;
}

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { left: 52, right: 16, top: 12, bottom: 28 };

function niceNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(Math.abs(n) < 10 ? 2 : 1);
}

/** A small SVG line chart of readings over time, with a text summary for screen readers. */
export function LineChart(props: { points: ChartPoint[]; label: string; unit?: string | undefined }) {
  const points = [...props.points].sort((a, b) => a.time - b.time);
  const unit = props.unit ? ` ${props.unit}` : '';
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return null;

  const values = points.map((p) => p.value);
  let low = Math.min(...values);
  let high = Math.max(...values);
  if (low === high) {
    low -= 1;
    high += 1;
  }
  const span = first.time === last.time ? 1 : last.time - first.time;
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const x = (time: number) =>
    PAD.left + (first.time === last.time ? innerW / 2 : ((time - first.time) / span) * innerW);
  const y = (value: number) => PAD.top + (1 - (value - low) / (high - low)) * innerH;
  const path = points
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.time).toFixed(1)},${y(p.value).toFixed(1)}`)
    .join(' ');
  const ticks = [high, (high + low) / 2, low];
  const summary = `${props.label}: ${points.length} reading${points.length === 1 ? '' : 's'} from ${formatTime(first.time)} to ${formatTime(last.time)}, lowest ${niceNumber(Math.min(...values))}${unit}, highest ${niceNumber(Math.max(...values))}${unit}, latest ${niceNumber(last.value)}${unit}.`;

  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary} preserveAspectRatio="none">
        <title>{summary}</title>
        {ticks.map((tick) => (
          <g key={tick}>
            <line class="chart-grid" x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} />
            <text class="chart-label" x={PAD.left - 6} y={y(tick) + 4} text-anchor="end">
              {niceNumber(tick)}
            </text>
          </g>
        ))}
        <text class="chart-label" x={PAD.left} y={HEIGHT - 8} text-anchor="start">
          {formatTime(first.time)}
        </text>
        <text class="chart-label" x={WIDTH - PAD.right} y={HEIGHT - 8} text-anchor="end">
          {formatTime(last.time)}
        </text>
        <path class="chart-line" d={path} />
        {points.length <= 60
          ? points.map((p) => <circle key={p.time} class="chart-dot" cx={x(p.time)} cy={y(p.value)} r={3} />)
          : null}
      </svg>
      <figcaption>{summary}</figcaption>
    </figure>
  );
}
