import {
  EXPLICIT_VR_BIG_ENDIAN,
  EXPLICIT_VR_LITTLE_ENDIAN,
  IMPLICIT_VR_LITTLE_ENDIAN,
} from './transfer-syntax.js';

const VRS = new Set(
  'AE AS AT CS DA DS DT FD FL IS LO LT OB OD OF OL OV OW PN SH SL SQ SS ST SV TM UC UI UL UN UR US UT UV'.split(
    ' ',
  ),
);

// Groups a dataset commonly starts with (after any meta group): identifying, patient, acquisition...
function plausibleGroup(group: number): boolean {
  return group >= 0x0008 && group <= 0x7fe0 && group % 2 === 0;
}

/**
 * The encoding of a bare dataset at `offset`, told from its first element, or undefined when it is
 * ambiguous or does not look like DICOM at all. Explicit VR shows as two capital letters naming a VR
 * right after the tag; big endian shows as a byte-swapped group number.
 */
export function guessTransferSyntax(bytes: Uint8Array, offset: number): string | undefined {
  if (bytes.length < offset + 8) return undefined;
  const b = (i: number) => bytes[offset + i]!;
  const vr = String.fromCharCode(b(4), b(5));
  const explicit = VRS.has(vr);
  const groupLE = b(0) | (b(1) << 8);
  const groupBE = (b(0) << 8) | b(1);
  const elementLE = b(2) | (b(3) << 8);
  if (plausibleGroup(groupLE) && elementLE < 0x1000) {
    if (explicit) return EXPLICIT_VR_LITTLE_ENDIAN;
    const length = b(4) | (b(5) << 8) | (b(6) << 16) | (b(7) << 24);
    // An implicit element's 4-byte length must fit the file (or be undefined-length for a sequence).
    if (length === -1 || (length >= 0 && length <= bytes.length - offset - 8))
      return IMPLICIT_VR_LITTLE_ENDIAN;
    return undefined;
  }
  if (plausibleGroup(groupBE) && explicit) return EXPLICIT_VR_BIG_ENDIAN;
  return undefined;
}
