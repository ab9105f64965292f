/**
 * Unpacks `count` bits starting at bit `bitOffset` of `bytes` into one byte (0 or 1) each. DICOM packs
 * 1-bit pixels least significant bit first (PS3.5 8.1.1).
 */
export function unpackBits(bytes: Uint8Array, bitOffset: number, count: number): Uint8Array {
  const out = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const bit = bitOffset + i;
    out[i] = ((bytes[bit >> 3] ?? 0) >> (bit & 7)) & 1;
  }
  return out;
}
