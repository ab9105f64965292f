import { linearScale, niceCeiling } from './chart-scale.js';

/** One bar of a horizontal bar chart: a name, a value (null: no bar, "no data"), and its text. */
export interface BarDatum {
  readonly key: string;
  readonly name: string;
  readonly value: number | null;
  readonly text: string;
}

export interface BarGeometry {
  readonly key: string;
  readonly name: string;
  readonly text: string;
  /** Top of the bar's row. */
  readonly y: number;
  /** The bar's length in px; 0 for a missing value. */
  readonly width: number;
  readonly missing: boolean;
}

export interface BarLayout {
  readonly bars: readonly BarGeometry[];
  /** Where the bars start (after the names) and how long a full-scale bar is. */
  readonly x0: number;
  readonly plotWidth: number;
  readonly height: number;
  readonly max: number;
  /** The x of a reference line (a threshold), when one was given and is on the axis. */
  readonly markerX: number | null;
}

export interface BarLayoutOptions {
  readonly width: number;
  readonly rowHeight: number;
  /** Room for the names on the left and the value texts on the right. */
  readonly nameWidth: number;
  readonly valueWidth: number;
  /** The axis end; a round number above the largest value when not given. */
  readonly max?: number;
  readonly marker?: number;
}

/** Lays the bars out top to bottom, one row each, lengths proportional to value/max (clamped to the axis). */
export function layoutBars(data: readonly BarDatum[], options: BarLayoutOptions): BarLayout {
  const { width, rowHeight, nameWidth, valueWidth } = options;
  const plotWidth = Math.max(width - nameWidth - valueWidth, 1);
  const values = data.map((d) => d.value).filter((v): v is number => v !== null && Number.isFinite(v));
  const max = options.max ?? niceCeiling(Math.max(0, ...values));
  const x = linearScale([0, max], [0, plotWidth]);
  const clamp = (px: number) => Math.min(Math.max(px, 0), plotWidth);
  const bars = data.map((d, i) => {
    const missing = d.value === null || !Number.isFinite(d.value);
    return {
      key: d.key,
      name: d.name,
      text: d.text,
      y: i * rowHeight,
      width: missing ? 0 : clamp(x(d.value!)),
      missing,
    };
  });
  const marker = options.marker;
  const markerX =
    marker !== undefined && Number.isFinite(marker) && marker >= 0 && marker <= max
      ? nameWidth + x(marker)
      : null;
  return { bars, x0: nameWidth, plotWidth, height: data.length * rowHeight, max, markerX };
}
