import { useId } from 'react';
import { linearScale, linePath } from './chart-scale.js';

const PAD = { left: 36, right: 8, top: 8, bottom: 22 };

/**
 * A line over days with gaps for days without a value, on a fixed 0–1 axis (agreement scores). Ticks at
 * 0, 0.5 and 1, and the first and last day; every value is also in the table that goes with it.
 */
export function LineChart(props: {
  readonly title: string;
  readonly points: readonly { readonly date: string; readonly value: number | null }[];
  readonly width?: number;
  readonly height?: number;
}) {
  const titleId = useId();
  const width = props.width ?? 480;
  const height = props.height ?? 160;
  if (props.points.length === 0) return null;
  const x = linearScale([0, Math.max(props.points.length - 1, 1)], [PAD.left, width - PAD.right]);
  const y = linearScale([0, 1], [height - PAD.bottom, PAD.top]);
  const d = linePath(props.points.map((p, i) => ({ x: x(i), y: p.value === null ? null : y(p.value) })));
  const first = props.points[0]!;
  const last = props.points[props.points.length - 1]!;
  return (
    <svg
      className="chart line-chart"
      role="img"
      aria-labelledby={titleId}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
    >
      <title id={titleId}>{props.title}</title>
      {[0, 0.5, 1].map((tick) => (
        <g key={tick}>
          <line className="chart-grid" x1={PAD.left} x2={width - PAD.right} y1={y(tick)} y2={y(tick)} />
          <text
            className="chart-name"
            x={PAD.left - 4}
            y={y(tick)}
            textAnchor="end"
            dominantBaseline="middle"
          >
            {tick.toFixed(1)}
          </text>
        </g>
      ))}
      <path className="chart-line" d={d} />
      {props.points.map((p, i) =>
        p.value === null ? null : (
          <circle key={p.date} className="chart-dot" cx={x(i)} cy={y(p.value)} r={2.5}>
            <title>{`${p.date}: ${p.value.toFixed(2)}`}</title>
          </circle>
        ),
      )}
      <text className="chart-name" x={PAD.left} y={height - 6}>
        {first.date}
      </text>
      {props.points.length > 1 && (
        <text className="chart-name" x={width - PAD.right} y={height - 6} textAnchor="end">
          {last.date}
        </text>
      )}
    </svg>
  );
}
