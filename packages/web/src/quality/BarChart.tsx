import { useId } from 'react';
import { type BarDatum, layoutBars } from './bar-layout.js';

const ROW = 22;
const BAR = 14;

/**
 * A horizontal bar chart in SVG: one row per datum with its name and value text. The same values are in the
 * table beside it; the chart's <title> and each bar's label are for screen readers that meet it on its own.
 */
export function BarChart(props: {
  readonly title: string;
  readonly data: readonly BarDatum[];
  readonly width?: number;
  readonly max?: number;
  /** A reference line, e.g. a threshold, with what it is. */
  readonly marker?: { readonly value: number; readonly name: string };
}) {
  const titleId = useId();
  const width = props.width ?? 480;
  const layout = layoutBars(props.data, {
    width,
    rowHeight: ROW,
    nameWidth: 140,
    valueWidth: 64,
    ...(props.max !== undefined ? { max: props.max } : {}),
    ...(props.marker ? { marker: props.marker.value } : {}),
  });
  if (props.data.length === 0) return null;
  return (
    <svg
      className="chart bar-chart"
      role="img"
      aria-labelledby={titleId}
      width={width}
      height={layout.height + 4}
      viewBox={`0 0 ${width} ${layout.height + 4}`}
    >
      <title id={titleId}>{props.title}</title>
      {layout.bars.map((bar) => (
        <g key={bar.key} transform={`translate(0 ${bar.y})`}>
          <text
            className="chart-name"
            x={layout.x0 - 6}
            y={ROW / 2}
            dominantBaseline="middle"
            textAnchor="end"
          >
            {truncate(bar.name, 20)}
          </text>
          <rect
            className="chart-track"
            x={layout.x0}
            y={(ROW - BAR) / 2}
            width={layout.plotWidth}
            height={BAR}
          />
          {!bar.missing && (
            <rect className="chart-bar" x={layout.x0} y={(ROW - BAR) / 2} width={bar.width} height={BAR}>
              <title>{`${bar.name}: ${bar.text}`}</title>
            </rect>
          )}
          <text
            className="chart-value"
            x={layout.x0 + layout.plotWidth + 6}
            y={ROW / 2}
            dominantBaseline="middle"
          >
            {bar.missing ? 'no data' : bar.text}
          </text>
        </g>
      ))}
      {layout.markerX !== null && (
        <line className="chart-marker" x1={layout.markerX} x2={layout.markerX} y1={0} y2={layout.height}>
          <title>{props.marker?.name}</title>
        </line>
      )}
    </svg>
  );
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}
