/** One header extension as found: its ecode (nifti1.h NIFTI_ECODE_*) and its size with the 8-byte head. */
export interface NiftiExtensionFound {
  readonly ecode: number;
  readonly bytes: number;
}

/**
 * The extensions in `area` (the bytes between the 4-byte extender and vox_offset), for the report
 * only: the whole area is dropped either way. Each is esize (a multiple of 16, at least 16) and ecode,
 * both int32 in the file's byte order; the walk stops at the first one that does not fit, and what
 * is left is reported as one extension with ecode -1, so no dropped byte goes unaccounted for.
 */
export function listNiftiExtensions(area: Uint8Array, littleEndian: boolean): NiftiExtensionFound[] {
  const view = new DataView(area.buffer, area.byteOffset, area.byteLength);
  const found: NiftiExtensionFound[] = [];
  let offset = 0;
  while (offset + 8 <= area.length) {
    const esize = view.getInt32(offset, littleEndian);
    if (esize < 16 || esize % 16 !== 0 || offset + esize > area.length) break;
    found.push({ ecode: view.getInt32(offset + 4, littleEndian), bytes: esize });
    offset += esize;
  }
  const rest = area.subarray(offset);
  if (rest.some((b) => b !== 0)) found.push({ ecode: -1, bytes: rest.length });
  return found;
}
