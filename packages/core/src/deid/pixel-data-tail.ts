import type { ParsedDicom } from '../dicom/parse-dicom.js';

const PIXEL_DATA = 'x7fe00010';
const DEFLATED = '1.2.840.10008.1.2.1.99';
const EXPLICIT_VR_BIG_ENDIAN = '1.2.840.10008.1.2.2';
const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2';
const UNDEFINED_LENGTH = 0xffffffff;
/** VRs whose explicit header has 2 reserved bytes and a 4-byte length: 12 bytes in all. */
const LONG_VRS = new Set(['OB', 'OW', 'OD', 'OF', 'OL', 'OV', 'UN']);
/** (FFFE,E0DD) with length 0, little endian: the end of encapsulated Pixel Data. */
const SEQUENCE_DELIMITER = [0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0];

function isPixelDataTag(bytes: Uint8Array, at: number): boolean {
  return (
    at >= 0 && bytes[at] === 0xe0 && bytes[at + 1] === 0x7f && bytes[at + 2] === 0x10 && bytes[at + 3] === 0
  );
}

function uint32At(bytes: Uint8Array, at: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset + at, 4).getUint32(0, true);
}

/** Where the element's header starts: 12 bytes before its value (explicit VR OB/OW…), or 8 (implicit). */
function headerStart(bytes: Uint8Array, dataOffset: number, implicit: boolean): number | undefined {
  const explicitStart = dataOffset - 12;
  if (!implicit && isPixelDataTag(bytes, explicitStart)) {
    const vr = String.fromCharCode(bytes[explicitStart + 4]!, bytes[explicitStart + 5]!);
    if (LONG_VRS.has(vr) && bytes[explicitStart + 6] === 0 && bytes[explicitStart + 7] === 0)
      return explicitStart;
  }
  const implicitStart = dataOffset - 8;
  return implicit && isPixelDataTag(bytes, implicitStart) ? implicitStart : undefined;
}

/**
 * The encoded top-level Pixel Data element (tag, VR, length and value, as the file holds them) when it
 * is the last thing in the file, so that a writer can copy it unchanged after the rest of the dataset
 * instead of decoding and re-encoding hundreds of kilobytes of samples. Undefined, so that the caller
 * takes the whole dataset through its usual path, when the file is deflated or big endian (the copy is
 * written in another encoding), when anything follows Pixel Data, or when encapsulated Pixel Data does
 * not end with its Sequence Delimitation Item.
 */
export function pixelDataTail(parsed: ParsedDicom): Uint8Array | undefined {
  const { dataSet, transferSyntaxUID } = parsed;
  const element = dataSet.elements[PIXEL_DATA];
  if (!element || transferSyntaxUID === DEFLATED || transferSyntaxUID === EXPLICIT_VR_BIG_ENDIAN)
    return undefined;
  const bytes = dataSet.byteArray;
  if (element.dataOffset + element.length !== bytes.length) return undefined;
  const start = headerStart(bytes, element.dataOffset, transferSyntaxUID === IMPLICIT_VR_LITTLE_ENDIAN);
  if (start === undefined) return undefined;
  const declaredLength = uint32At(bytes, element.dataOffset - 4);
  if (declaredLength === UNDEFINED_LENGTH) {
    const end = bytes.subarray(bytes.length - SEQUENCE_DELIMITER.length);
    if (!SEQUENCE_DELIMITER.every((b, i) => end[i] === b)) return undefined;
  } else if (declaredLength !== element.length) return undefined;
  return bytes.subarray(start);
}
