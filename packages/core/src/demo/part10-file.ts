import { writePart10 } from '../dicom/write-part10.js';

const IMPLEMENTATION_VERSION_NAME = 'VOXELHUB_DEMO_1';

/** A DICOM dataset in dcmjs's "naturalized" form: attribute keywords to values. */
export type NaturalDataset = Record<string, unknown>;

/** Native pixel data: 8-bit samples go in OB, wider ones in OW (little endian, as the typed array is). */
export type PixelSamples = Uint8Array | Uint16Array | Int16Array;

/**
 * A DICOM Part 10 file (preamble, DICM, file meta information, dataset) in Explicit VR Little Endian,
 * written by dcmjs from `dataset` (which must hold SOPClassUID and SOPInstanceUID) and the pixel samples.
 */
export function part10File(dataset: NaturalDataset, pixels: PixelSamples): Uint8Array {
  const bytes = new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength);
  return writePart10(dataset, IMPLEMENTATION_VERSION_NAME, {
    vr: pixels.BYTES_PER_ELEMENT === 1 ? 'OB' : 'OW',
    bytes,
  });
}
