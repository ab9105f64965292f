import dcmjs from 'dcmjs';
import { checkWriteDicomSegInput, type WriteDicomSegInput } from './dicom-seg-input.js';
import { newDicomUid } from './dicom-uid.js';
import { segDataset } from './seg-dataset.js';
import { binaryPixelData, fractionalPixelData, segFrames } from './seg-frame-pixels.js';
import { segPlaneGeometry } from './seg-plane-geometry.js';

const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
// Voxelhub's implementation class UID for SEG files (a fixed 2.25 UUID-derived UID).
const IMPLEMENTATION_CLASS_UID = '2.25.153398217062532547376961312780164390786';
const IMPLEMENTATION_VERSION_NAME = 'VOXELHUB_SEG_1';

/** Pixel Data must have an even length: a zero byte pads an odd one (PS3.5 7.1.1). */
function evenBuffer(bytes: Uint8Array): ArrayBuffer {
  const out = new Uint8Array(bytes.length + (bytes.length % 2));
  out.set(bytes);
  return out.buffer;
}

function part10(dataset: Record<string, unknown>, pixelData: Uint8Array): Uint8Array {
  const { DicomDict, DicomMetaDictionary } = dcmjs.data;
  const meta = DicomMetaDictionary.denaturalizeDataset({
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: dataset.SOPClassUID,
    MediaStorageSOPInstanceUID: dataset.SOPInstanceUID,
    TransferSyntaxUID: EXPLICIT_VR_LITTLE_ENDIAN,
    ImplementationClassUID: IMPLEMENTATION_CLASS_UID,
    ImplementationVersionName: IMPLEMENTATION_VERSION_NAME,
  });
  const dict = new DicomDict(meta);
  dict.dict = {
    ...DicomMetaDictionary.denaturalizeDataset(dataset),
    // OB: 1-bit and 8-bit pixels are bytes (PS3.5 A.2 allows OB for Bits Allocated ≤ 8).
    '7FE00010': { vr: 'OB', Value: [evenBuffer(pixelData)] },
  };
  return new Uint8Array(dict.write());
}

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
  return part10(segDataset(input, frames, plane, dimensionUid), pixels);
}
