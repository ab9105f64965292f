import { writePart10 } from '../../dicom/write-part10.js';
import { checkWriteDicomSegInput, type WriteDicomSegInput } from './dicom-seg-input.js';
import { newDicomUid } from './dicom-uid.js';
import { segDataset } from './seg-dataset.js';
import { binaryPixelData, fractionalPixelData, segFrames } from './seg-frame-pixels.js';
import { segPlaneGeometry } from './seg-plane-geometry.js';

const IMPLEMENTATION_VERSION_NAME = 'VOXELHUB_SEG_1';

function defaultDimensionOrganizationUid(sopInstanceUid: string): string {
  const derived = `${sopInstanceUid}.1`;
  return derived.length <= 64 ? derived : newDicomUid();
}

/**
 * A DICOM Segmentation (PS3.3 A.51, Segmentation Storage) of a label map, as a Part 10 file in Explicit
 * VR Little Endian written by dcmjs:
 * - one segment per entry of `segments`, its number the voxel value it stands for;
 * - one frame per segment and slice where that segment has a voxel, ordered by segment then slice;
 *   empty frames are left out (a reader fills them with background);
 * - BINARY: 1 bit per pixel packed across frame boundaries; FRACTIONAL: 8 bits, 255 inside (PROBABILITY);
 * - each frame names its segment, plane position and the source instance of its slice; orientation and
 *   pixel measures are shared.
 * A label map with no voxel of any segment has no frame to write and is refused (RangeError), as is any
 * input that cannot make a valid SEG (see checkWriteDicomSegInput). The input is not changed.
 */
export function writeDicomSeg(input: WriteDicomSegInput): Uint8Array {
  checkWriteDicomSegInput(input);
  const plane = segPlaneGeometry(input.geometry);
  const { voxels, dims } = input.labelMap;
  const frames = segFrames(
    voxels,
    dims,
    input.segments.map((s) => s.number),
  );
  if (frames.length === 0) {
    throw new RangeError('the label map holds no voxel of any segment: a SEG needs at least one frame');
  }
  const pixels =
    input.type === 'BINARY'
      ? binaryPixelData(voxels, dims, frames)
      : fractionalPixelData(voxels, dims, frames);
  const dimensionUid =
    input.uids.dimensionOrganizationUid ?? defaultDimensionOrganizationUid(input.uids.sopInstanceUid);
  // OB: 1-bit and 8-bit pixels are bytes (PS3.5 A.2 allows OB for Bits Allocated ≤ 8).
  return writePart10(segDataset(input, frames, plane, dimensionUid), IMPLEMENTATION_VERSION_NAME, {
    vr: 'OB',
    bytes: pixels,
  });
}
