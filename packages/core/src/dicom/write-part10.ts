import dcmjs from 'dcmjs';
import { VOXELHUB_IMPLEMENTATION_CLASS_UID } from '../deid/voxelhub-implementation.js';
import { EXPLICIT_VR_LITTLE_ENDIAN } from './transfer-syntax.js';

/** Native Pixel Data to append: OB for 8-bit (and 1-bit) samples, OW for wider ones. */
export interface Part10PixelData {
  readonly vr: 'OB' | 'OW';
  readonly bytes: Uint8Array;
}

/**
 * A DICOM Part 10 file (preamble, DICM, File Meta Information, dataset) in Explicit VR Little Endian,
 * written by dcmjs from a naturalized dataset that holds SOPClassUID and SOPInstanceUID. Every file
 * Voxelhub makes names the same Implementation Class UID; `versionName` tells the writers apart
 * (VOXELHUB_DEMO_1, VOXELHUB_SEG_1, …). Pixel Data is padded to an even length (PS3.5 7.1.1).
 */
export function writePart10(
  dataset: Record<string, unknown>,
  versionName: string,
  pixelData?: Part10PixelData,
): Uint8Array {
  const { DicomDict, DicomMetaDictionary } = dcmjs.data;
  const meta = DicomMetaDictionary.denaturalizeDataset({
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: dataset.SOPClassUID,
    MediaStorageSOPInstanceUID: dataset.SOPInstanceUID,
    TransferSyntaxUID: EXPLICIT_VR_LITTLE_ENDIAN,
    ImplementationClassUID: VOXELHUB_IMPLEMENTATION_CLASS_UID,
    ImplementationVersionName: versionName,
  });
  const dict = new DicomDict(meta);
  dict.dict = DicomMetaDictionary.denaturalizeDataset(dataset);
  if (pixelData) dict.dict['7FE00010'] = { vr: pixelData.vr, Value: [evenBuffer(pixelData.bytes)] };
  return new Uint8Array(dict.write());
}

function evenBuffer(bytes: Uint8Array): ArrayBuffer {
  const out = new Uint8Array(bytes.length + (bytes.length % 2));
  out.set(bytes);
  return out.buffer;
}
