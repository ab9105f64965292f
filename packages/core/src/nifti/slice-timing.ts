import type { NiftiHeader } from './nifti-header.js';
import { timeUnitToMs } from './nifti-units.js';

/**
 * For each of the slice codes 1–6 of nifti1.h, the acquisition rank of each slice (0 = first),
 * as nibabel's _slice_time_order computes it for n timed slices.
 */
function acquisitionRanks(sliceCode: number, n: number): number[] | undefined {
  const from = (start: number, stop: number, step: number) => {
    const out: number[] = [];
    for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(i);
    return out;
  };
  const orders: Record<number, () => number[]> = {
    1: () => from(0, n, 1),
    2: () => from(n - 1, -1, -1),
    3: () => [...from(0, n, 2), ...from(1, n, 2)],
    4: () => [...from(n - 1, -1, -2), ...from(n - 2, -1, -2)],
    5: () => [...from(1, n, 2), ...from(0, n, 2)],
    6: () => [...from(n - 2, -1, -2), ...from(n - 1, -1, -2)],
  };
  const order = orders[sliceCode]?.();
  if (!order) return undefined;
  const ranks = new Array<number>(n);
  order.forEach((slice, rank) => {
    ranks[slice] = rank;
  });
  return ranks;
}

const SLICE_DIM_K = 3;

/**
 * Slice times in ms along the third index axis, when the header describes them fully: slice
 * dimension 3 in dim_info, a known slice_code and time unit, a positive slice_duration, and every
 * slice timed (slice_start 0, slice_end the last slice or 0 as nibabel reads it).
 */
export function sliceTimesFromHeader(header: NiftiHeader, slices: number): number[] | undefined {
  const toMs = timeUnitToMs(header.xyztUnits);
  if (((header.dimInfo >> 4) & 3) !== SLICE_DIM_K || !toMs || !(header.sliceDuration > 0)) return undefined;
  const end = header.sliceEnd === 0 ? slices - 1 : header.sliceEnd;
  if (header.sliceStart !== 0 || end !== slices - 1) return undefined;
  const ranks = acquisitionRanks(header.sliceCode, slices);
  return ranks?.map((r) => r * header.sliceDuration * toMs);
}

export interface SliceTimingFields {
  readonly sliceCode: number;
  readonly sliceStart: number;
  readonly sliceEnd: number;
  /** In seconds, the time unit Voxelhub writes. */
  readonly sliceDuration: number;
  /** dim_info with only the slice dimension set (the third axis). */
  readonly dimInfo: number;
}

/** The header fields that reproduce `timesMs` (one per slice), or undefined when no slice_code does. */
export function sliceTimingFields(timesMs: readonly number[]): SliceTimingFields | undefined {
  const n = timesMs.length;
  if (n < 2 || !timesMs.every(Number.isFinite)) return undefined;
  const duration = Math.max(...timesMs) / (n - 1);
  if (!(duration > 0)) return undefined;
  const tolerance = duration * 1e-6;
  for (let code = 1; code <= 6; code++) {
    const ranks = acquisitionRanks(code, n)!;
    if (ranks.every((r, i) => Math.abs(r * duration - timesMs[i]!) <= tolerance)) {
      return {
        sliceCode: code,
        sliceStart: 0,
        sliceEnd: n - 1,
        sliceDuration: duration / 1000,
        dimInfo: SLICE_DIM_K << 4,
      };
    }
  }
  return undefined;
}
