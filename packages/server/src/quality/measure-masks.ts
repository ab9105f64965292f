import { maskMetrics } from '@voxelhub/core';
import type { ReaderMasks } from './reader-masks.js';
import { type PairwiseResult, pairwise } from './reader-pairs.js';

/** The tolerance of the normalised surface Dice reported with each pair, in mm. */
export const NSD_TOLERANCE_MM = 1;

/**
 * Dice between every two readers' masks, with IoU, HD, HD95, ASSD and NSD as details. Two readers who
 * both left the label empty agree completely: their Dice, undefined by formula, counts as 1.
 */
export function measureMasks(readers: readonly string[], { geometry, masks }: ReaderMasks): PairwiseResult {
  const dims = geometry.dims;
  return pairwise(readers, masks, (a, b) => {
    const m = maskMetrics(a, b, dims, geometry.spacing, { tolerance: NSD_TOLERANCE_MM });
    const bothEmpty = m.voxelsRef === 0 && m.voxelsTest === 0;
    return {
      value: bothEmpty ? 1 : m.dice,
      details: {
        iou: bothEmpty ? 1 : m.iou,
        hd: m.hd,
        hd95: m.hd95,
        assd: m.assd,
        nsd: m.nsd,
        volumeDiff: m.volumeDiff,
      },
    };
  });
}
