import { commonLength } from './label-map-inputs.js';
import { stapleEm } from './staple-em.js';
import { type ReaderPerformance, resolveStapleOptions, type StapleOptions } from './staple-options.js';

export interface StapleResult {
  /** W: per voxel, the estimated probability that the voxel is truly foreground. */
  readonly probability: Float32Array;
  /** 1 where W ≥ 0.5, else 0. */
  readonly consensus: Uint8Array;
  /** One entry per reader, in input order. */
  readonly readers: ReaderPerformance[];
  /** EM iterations run (each an M-step and an E-step; ITK's ElapsedIterations counts one fewer on convergence). */
  readonly iterations: number;
  /** False when maxIterations was reached first. */
  readonly converged: boolean;
  /** The foreground prior g used. */
  readonly prior: number;
}

/**
 * Binary STAPLE (Warfield, Zou & Wells 2004) as ITK's STAPLEImageFilter computes it: the readers' masks
 * (same length, values 0 or 1) give a probabilistic consensus and each reader's sensitivity/specificity.
 */
export function staple(masks: readonly ArrayLike<number>[], options: StapleOptions = {}): StapleResult {
  const what = 'staple';
  const length = commonLength(masks, what);
  const resolved = resolveStapleOptions(options, what);
  masks.forEach((mask, reader) => {
    for (let i = 0; i < length; i++) {
      const value = mask[i];
      if (value !== 0 && value !== 1)
        throw new RangeError(
          `${what}: reader ${reader}, voxel ${i} holds ${value}; binary masks hold 0 or 1`,
        );
    }
  });
  const estimate = stapleEm(masks, 1, length, resolved);
  return { ...estimate, consensus: thresholdHalf(estimate.probability) };
}

function thresholdHalf(probability: Float32Array): Uint8Array {
  const consensus = new Uint8Array(probability.length);
  for (let i = 0; i < probability.length; i++) consensus[i] = probability[i]! >= 0.5 ? 1 : 0;
  return consensus;
}
