import type { Vec3 } from '../../geometry/vector.js';

/** One frame of the SEG: segment `segment` on slice `slice` of the label map. */
export interface SegFrameRef {
  readonly segment: number;
  readonly slice: number;
}

export type LabelVoxels = Uint8Array | Uint16Array | Uint32Array | Int8Array | Int16Array | Int32Array;

/**
 * The frames a label map needs: one per segment and slice where that segment has a voxel. Slices where a
 * segment is absent are left out (PS3.3 C.8.20.2 lets a SEG hold only the frames it needs), so a mask
 * of a few slices of a large series stays small. A voxel value that no segment describes is a RangeError.
 */
export function segFrames(voxels: LabelVoxels, dims: Vec3, segments: readonly number[]): SegFrameRef[] {
  const [nx, ny, nz] = dims;
  const plane = nx * ny;
  const present = new Map(segments.map((s) => [s, new Uint8Array(nz)]));
  for (let k = 0; k < nz; k++) {
    for (let p = k * plane, end = p + plane; p < end; p++) {
      const v = voxels[p]!;
      if (v === 0) continue;
      const slices = present.get(v);
      if (!slices) {
        throw new RangeError(
          `labelMap voxel ${p} holds ${v}, which no segment describes (segments: ${segments.join(', ')})`,
        );
      }
      slices[k] = 1;
    }
  }
  const frames: SegFrameRef[] = [];
  for (const segment of [...segments].sort((a, b) => a - b)) {
    present.get(segment)!.forEach((on, slice) => {
      if (on) frames.push({ segment, slice });
    });
  }
  return frames;
}

/**
 * BINARY: bit b of the frames' pixels (frame after frame, row after row) is bit b % 8 of byte b / 8,
 * least significant first, with no padding between frames (PS3.5 8.1.1: frames of 1-bit data are not
 * byte-aligned). This is what readDicomSeg and pydicom (numpy unpackbits, bitorder 'little') read.
 */
export function binaryPixelData(voxels: LabelVoxels, dims: Vec3, frames: readonly SegFrameRef[]): Uint8Array {
  const plane = dims[0] * dims[1];
  const out = new Uint8Array(Math.ceil((frames.length * plane) / 8));
  frames.forEach(({ segment, slice }, f) => {
    const from = slice * plane;
    const bit0 = f * plane;
    for (let p = 0; p < plane; p++) {
      if (voxels[from + p] !== segment) continue;
      const bit = bit0 + p;
      out[bit >> 3]! |= 1 << (bit & 7);
    }
  });
  return out;
}

/** FRACTIONAL: one byte per pixel, 255 (Maximum Fractional Value, a fraction of 1) inside the segment. */
export function fractionalPixelData(
  voxels: LabelVoxels,
  dims: Vec3,
  frames: readonly SegFrameRef[],
): Uint8Array {
  const plane = dims[0] * dims[1];
  const out = new Uint8Array(frames.length * plane);
  frames.forEach(({ segment, slice }, f) => {
    const from = slice * plane;
    for (let p = 0; p < plane; p++) if (voxels[from + p] === segment) out[f * plane + p] = 255;
  });
  return out;
}
