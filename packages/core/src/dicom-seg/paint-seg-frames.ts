import type { PixelArray } from '../dicom/pixel/stored-values.js';
import { ImageReadError } from '../errors/image-read-error.js';
import type { Vec3 } from '../geometry/vector.js';
import type { SegFrame } from './seg-frames.js';
import type { SegSegment } from './seg-module.js';

export interface PaintInput {
  /** Decoded frames, one after the other, rows × columns values each. */
  readonly pixels: PixelArray;
  /** Columns, rows, slices of the label map. */
  readonly dims: Vec3;
  readonly frames: readonly SegFrame[];
  readonly sliceOfFrame: readonly number[];
  readonly segments: readonly SegSegment[];
  /** A pixel is in its frame's segment when its value is at least this. */
  readonly threshold: number;
}

export interface Painted {
  readonly labelMap: Uint8Array | Uint16Array;
  readonly overlappingVoxels: number;
}

/** Frame indices by segment number, ascending (stable): painting in this order lets the highest win. */
function paintOrder(frames: readonly SegFrame[], segments: readonly SegSegment[]): number[] {
  const known = new Set(segments.map((s) => s.number));
  frames.forEach((frame, i) => {
    if (!known.has(frame.segment)) {
      throw new ImageReadError(
        'INVALID_ATTRIBUTE',
        `frame ${i + 1} references segment ${frame.segment}, which the Segment Sequence does not define`,
      );
    }
  });
  return frames.map((_, i) => i).sort((a, b) => frames[a]!.segment - frames[b]!.segment);
}

/**
 * One label map from the frames of a SEG: frame f paints its segment number on slice sliceOfFrame[f]
 * wherever its pixel reaches the threshold. Frames are painted in ascending segment order, so a voxel
 * that several segments claim holds the highest number; such voxels are counted once each.
 */
export function paintSegFrames(input: PaintInput): Painted {
  const { pixels, dims, frames, sliceOfFrame, segments, threshold } = input;
  const plane = dims[0] * dims[1];
  const count = plane * dims[2];
  const wide = segments.some((s) => s.number > 0xff);
  const labelMap = wide ? new Uint16Array(count) : new Uint8Array(count);
  let overlapped: Uint8Array | undefined;
  let overlappingVoxels = 0;
  for (const f of paintOrder(frames, segments)) {
    const segment = frames[f]!.segment;
    const from = f * plane;
    const to = sliceOfFrame[f]! * plane;
    for (let p = 0; p < plane; p++) {
      if (!(pixels[from + p]! >= threshold)) continue;
      const at = to + p;
      const held = labelMap[at]!;
      if (held !== 0 && held !== segment) {
        overlapped ??= new Uint8Array(count);
        if (overlapped[at] === 0) {
          overlapped[at] = 1;
          overlappingVoxels++;
        }
      }
      labelMap[at] = segment;
    }
  }
  return { labelMap, overlappingVoxels };
}
