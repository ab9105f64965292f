import type { ImageVolume } from '@voxelhub/core';

/** A linear window: values map to 0–255 across [lower, upper] (DICOM's VOI LUT function LINEAR). */
export interface DisplayWindow {
  readonly centre: number;
  readonly width: number;
}

/** The share of voxels below and above the percentile window. */
const CLIP = 0.005;
/** Histogram bins for the percentiles: fine enough for 8-bit output, and no sort of every voxel. */
const BINS = 4096;

function range(data: ArrayLike<number>): [number, number] {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return [min, max];
}

function percentileWindow(data: ArrayLike<number>): DisplayWindow {
  const [min, max] = range(data);
  if (!(max > min)) return { centre: min + 0.5, width: 1 };
  const scale = (BINS - 1) / (max - min);
  const counts = new Float64Array(BINS);
  for (let i = 0; i < data.length; i++) counts[Math.floor((data[i]! - min) * scale)]! += 1;
  const at = (share: number) => {
    let seen = 0;
    for (let b = 0; b < BINS; b++) {
      seen += counts[b]!;
      if (seen >= share * data.length) return min + b / scale;
    }
    return max;
  };
  const lower = at(CLIP);
  const upper = Math.max(at(1 - CLIP), lower + 1 / scale);
  return { centre: (lower + upper) / 2, width: upper - lower };
}

/**
 * How a greyscale case is turned into 8-bit pictures: the DICOM Window Center/Width when the header has one
 * (what the modality meant to be seen), else the 0.5th to 99.5th percentile of the whole case (one window
 * for every slice, so slices of a volume stay comparable).
 */
export function displayWindow(volume: ImageVolume): DisplayWindow {
  const { windowCenter, windowWidth } = volume.meta;
  if (
    typeof windowCenter === 'number' &&
    typeof windowWidth === 'number' &&
    Number.isFinite(windowCenter) &&
    windowWidth > 0
  )
    return { centre: windowCenter, width: windowWidth };
  return percentileWindow(volume.data);
}

/**
 * One value through the window to 0–255: linear from centre − width/2 to centre + width/2. (DICOM's LINEAR
 * function differs by half a stored unit, invisible at 8 bits, and would not suit float images of small range.)
 */
export function windowed(value: number, window: DisplayWindow): number {
  const { centre, width } = window;
  const scaled = ((value - (centre - width / 2)) / width) * 255;
  return Math.min(255, Math.max(0, Math.round(scaled)));
}
