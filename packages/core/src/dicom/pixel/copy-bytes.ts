/**
 * A fresh Uint8Array copy of `bytes[start, end)`. dicom-parser hands out Node Buffers in Node, whose
 * slice() is a view into a shared pool, not a copy: never call slice() on input bytes.
 */
export function copyBytes(bytes: Uint8Array, start = 0, end = bytes.length): Uint8Array {
  const out = new Uint8Array(Math.max(0, end - start));
  out.set(bytes.subarray(start, end));
  return out;
}
