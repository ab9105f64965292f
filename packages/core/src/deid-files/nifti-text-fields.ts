/** A free-text field of a NIfTI header: where it is and how many bytes it spans. */
export interface NiftiTextField {
  readonly name: string;
  readonly offset: number;
  readonly length: number;
}

/**
 * Every char field of the NIfTI-1 header (nifti1.h). data_type and db_name are unused Analyze 7.5
 * leftovers, but writers may still put a study or patient name there, so they are blanked too.
 */
const NIFTI1: readonly NiftiTextField[] = [
  { name: 'data_type', offset: 4, length: 10 },
  { name: 'db_name', offset: 14, length: 18 },
  { name: 'descrip', offset: 148, length: 80 },
  { name: 'aux_file', offset: 228, length: 24 },
  { name: 'intent_name', offset: 328, length: 16 },
];

/** Every char field of the NIfTI-2 header (nifti2.h); unused_str is the 15-byte pad at the end. */
const NIFTI2: readonly NiftiTextField[] = [
  { name: 'descrip', offset: 240, length: 80 },
  { name: 'aux_file', offset: 320, length: 24 },
  { name: 'intent_name', offset: 508, length: 16 },
  { name: 'unused_str', offset: 525, length: 15 },
];

export function niftiTextFields(version: 1 | 2): readonly NiftiTextField[] {
  return version === 1 ? NIFTI1 : NIFTI2;
}

/**
 * Zeroes each text field of `header` in place (NUL-filled, as an empty C string is) and returns the
 * names of those that held any non-zero byte — even bytes after a NUL, which readers skip but a
 * person with a hex editor does not.
 */
export function blankNiftiTextFields(header: Uint8Array, version: 1 | 2): string[] {
  const cleared: string[] = [];
  for (const field of niftiTextFields(version)) {
    const bytes = header.subarray(field.offset, field.offset + field.length);
    if (bytes.some((b) => b !== 0)) cleared.push(field.name);
    bytes.fill(0);
  }
  return cleared;
}
