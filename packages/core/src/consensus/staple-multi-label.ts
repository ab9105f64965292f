import { checkLabelList, checkLabelValues, commonLength, labelMapFor } from './label-map-inputs.js';
import { stapleEm } from './staple-em.js';
import { type ReaderPerformance, resolveStapleOptions, type StapleOptions } from './staple-options.js';

/** What binary STAPLE of one label (that label against everything else) estimated. */
export interface LabelStaple {
  readonly label: number;
  readonly readers: ReaderPerformance[];
  readonly iterations: number;
  readonly converged: boolean;
  readonly prior: number;
}

export interface MultiLabelStapleResult {
  /** Per voxel the winning label, 0 where no label reached W ≥ 0.5. Uint16 when a label exceeds 255. */
  readonly consensus: Uint8Array | Uint16Array;
  /** Per voxel the highest W over the labels (the winner's W where there is one). */
  readonly probability: Float32Array;
  /** One entry per label, in the order given. */
  readonly labels: LabelStaple[];
}

/**
 * STAPLE one label at a time: for each label, binary STAPLE of "this label" against "anything else" over
 * the readers' label maps; then each voxel takes the label with the highest W, if that W is ≥ 0.5
 * (ties go to the label listed first), else background. This is not ITK's MultiLabelSTAPLEImageFilter,
 * which estimates a full confusion matrix per reader; per-label binary STAPLE reports sensitivity and
 * specificity per label, which is what a reader review shows.
 */
export function stapleMultiLabel(
  labelMaps: readonly ArrayLike<number>[],
  labels: readonly number[],
  options: StapleOptions = {},
): MultiLabelStapleResult {
  const what = 'stapleMultiLabel';
  const length = commonLength(labelMaps, what);
  checkLabelList(labels, what);
  if (labels.length === 0) throw new RangeError(`${what}: give at least one label`);
  checkLabelValues(labelMaps, what);
  const resolved = resolveStapleOptions(options, what);
  const consensus = labelMapFor(Math.max(...labels), length);
  const probability = new Float32Array(length);
  const perLabel = labels.map((label): LabelStaple => {
    const {
      probability: w,
      readers,
      iterations,
      converged,
      prior,
    } = stapleEm(labelMaps, label, length, resolved);
    // Strictly higher replaces, so on a tie the label listed first keeps the voxel.
    for (let i = 0; i < length; i++) {
      if (w[i]! <= probability[i]!) continue;
      probability[i] = w[i]!;
      if (w[i]! >= 0.5) consensus[i] = label;
    }
    return { label, readers, iterations, converged, prior };
  });
  return { consensus, probability, labels: perLabel };
}
