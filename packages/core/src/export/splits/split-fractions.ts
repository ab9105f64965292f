import { SPLITS, type Split } from '../export-dataset.js';

/** The share of subjects each split should receive; the three sum to 1. A share may be 0. */
export type SplitFractions = Readonly<Record<Split, number>>;

export const DEFAULT_SPLIT_FRACTIONS: SplitFractions = Object.freeze({
  train: 0.7,
  validation: 0.15,
  test: 0.15,
});

/** How far the fractions' sum may stray from 1: room for decimal fractions such as 0.7 + 0.2 + 0.1. */
const SUM_TOLERANCE = 1e-9;

/** Throws a RangeError unless `fractions` names exactly the three splits with shares in [0, 1] summing to 1. */
export function checkSplitFractions(fractions: SplitFractions): void {
  const unknown = Object.keys(fractions).filter((key) => !(SPLITS as readonly string[]).includes(key));
  if (unknown.length > 0) {
    throw new RangeError(
      `split fractions: unknown split(s) ${unknown.join(', ')}; expected ${SPLITS.join(', ')}`,
    );
  }
  for (const split of SPLITS) {
    const share = fractions[split];
    if (typeof share !== 'number' || !Number.isFinite(share) || share < 0 || share > 1) {
      throw new RangeError(`split fractions: ${split} must be a number in [0, 1], got ${String(share)}`);
    }
  }
  const sum = SPLITS.reduce((total, split) => total + fractions[split], 0);
  if (Math.abs(sum - 1) > SUM_TOLERANCE) {
    const shares = SPLITS.map((split) => `${split} ${fractions[split]}`).join(' + ');
    throw new RangeError(`split fractions must sum to 1, got ${shares} = ${sum}`);
  }
}
