import type { ExportLabel } from '../export-dataset.js';
import type { SplitSummary } from '../splits/split-summary.js';

/** One bar of the class-balance chart: a label's annotations over all splits, relative to the largest. */
export interface ClassBalanceBar {
  readonly labelName: string;
  /** '#rrggbb' from the schema, or a neutral grey when the schema's colour is not of that form. */
  readonly colour: string;
  readonly annotations: number;
  /** annotations / the largest label's annotations, in [0, 1]; 0 for every label when none has any. */
  readonly fraction: number;
}

const FALLBACK_COLOUR = '#808080';
const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;

/** The bars in schema order: annotations of each label summed over the splits. */
export function classBalance(
  labels: readonly ExportLabel[],
  splits: readonly SplitSummary[],
): ClassBalanceBar[] {
  const counts = labels.map((label) =>
    splits.reduce(
      (total, split) => total + (split.labels.find((l) => l.labelId === label.id)?.annotations ?? 0),
      0,
    ),
  );
  const largest = Math.max(0, ...counts);
  return labels.map((label, i) => ({
    labelName: label.name,
    colour: HEX_COLOUR.test(label.colour) ? label.colour : FALLBACK_COLOUR,
    annotations: counts[i] ?? 0,
    fraction: largest === 0 ? 0 : (counts[i] ?? 0) / largest,
  }));
}

/** Left-aligned eighth blocks: index n is a block n/8 of a character wide (index 0: nothing). */
const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'] as const;

/**
 * A bar of `fraction × width` characters drawn with full blocks and one eighth-block at the end, so its
 * length is proportional to the fraction to within 1/16 of a character (rounded to the nearest eighth).
 */
export function unicodeBar(fraction: number, width: number): string {
  if (!Number.isFinite(fraction) || fraction < 0 || fraction > 1) {
    throw new RangeError(`unicodeBar: fraction must be in [0, 1], got ${fraction}`);
  }
  if (!Number.isInteger(width) || width < 1) {
    throw new RangeError(`unicodeBar: width must be a positive integer, got ${width}`);
  }
  const eighths = Math.round(fraction * width * 8);
  return '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8];
}
