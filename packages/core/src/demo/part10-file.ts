import dcmjs from 'dcmjs';

const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
// Fixed for Voxelhub's demo writer (a 2.25 UUID-derived root), so files are identical on every run.
const IMPLEMENTATION_CLASS_UID = '2.25.266125917937526376211069398946375201317';
const IMPLEMENTATION_VERSION_NAME = 'VOXELHUB_DEMO_1';

/** A DICOM dataset in dcmjs's "naturalized" form: attribute keywords to values. */
export type NaturalDataset = Record<string, unknown>;

/** Native pixel data: 8-bit samples go in OB, wider ones in OW (little endian, as the typed array is). */
export type PixelSamples = Uint8Array | Uint16Array | Int16Array;

function exactBuffer(samples: PixelSamples): ArrayBuffer {
  const bytes = new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
  // Pixel Data must have an even length; a padding byte of zero follows an odd number of 8-bit samples.
  const out = new Uint8Array(bytes.length + (bytes.length % 2));
  out.set(bytes);
  return out.buffer;
}

/**
 * A DICOM Part 10 file (preamble, DICM, file meta information, dataset) in Explicit VR Little Endian,
 * written by dcmjs from `dataset` (which must hold SOPClassUID and SOPInstanceUID) and the pixel samples.
 */
export function part10File(dataset: NaturalDataset, pixels: PixelSamples): Uint8Array {
  const meta = dcmjs.data.DicomMetaDictionary.denaturalizeDataset({
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: dataset.SOPClassUID,
    MediaStorageSOPInstanceUID: dataset.SOPInstanceUID,
    TransferSyntaxUID: EXPLICIT_VR_LITTLE_ENDIAN,
    ImplementationClassUID: IMPLEMENTATION_CLASS_UID,
    ImplementationVersionName: IMPLEMENTATION_VERSION_NAME,
  });
  const dict = new dcmjs.data.DicomDict(meta);
  dict.dict = {
    ...dcmjs.data.DicomMetaDictionary.denaturalizeDataset(dataset),
    '7FE00010': { vr: pixels.BYTES_PER_ELEMENT === 1 ? 'OB' : 'OW', Value: [exactBuffer(pixels)] },
  };
  return new Uint8Array(dict.write());
}
