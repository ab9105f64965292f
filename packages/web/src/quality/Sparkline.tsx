import { linearScale, linePath, niceCeiling } from './chart-scale.js';

/** A word-sized line of counts (items done per day); the caller says in words what it shows. */
export function Sparkline(props: {
  readonly values: readonly number[];
  readonly label: string;
  readonly width?: number;
  readonly height?: number;
}) {
  const width = props.width ?? 96;
  const height = props.height ?? 20;
  const max = niceCeiling(Math.max(0, ...props.values));
  const x = linearScale([0, Math.max(props.values.length - 1, 1)], [1, width - 1]);
  const y = linearScale([0, max], [height - 1, 1]);
  const d = linePath(props.values.map((v, i) => ({ x: x(i), y: y(v) })));
  return (
    <svg className="chart sparkline" role="img" aria-label={props.label} width={width} height={height}>
      <title>{props.label}</title>
      <path d={d} />
    </svg>
  );
}
