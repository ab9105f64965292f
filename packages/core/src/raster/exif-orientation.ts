const EXIF_PREFIX = [0x45, 0x78, 0x69, 0x66, 0, 0]; // "Exif\0\0"
const ORIENTATION_TAG = 0x0112;
const SHORT = 3;

/**
 * The EXIF Orientation (tag 0x0112 in IFD0) of a JPEG APP1 segment, 1–8, or undefined when the
 * segment is not EXIF or has no valid orientation. `start`/`end` bound the segment's payload; every
 * read stays inside them, because EXIF offsets are often wrong in files edited by several programs.
 */
export function exifOrientation(bytes: Uint8Array, start: number, end: number): number | undefined {
  if (end - start < EXIF_PREFIX.length + 8 || !EXIF_PREFIX.every((b, i) => bytes[start + i] === b))
    return undefined;
  const tiff = start + EXIF_PREFIX.length;
  const view = new DataView(bytes.buffer, bytes.byteOffset + tiff, end - tiff);
  const order = view.getUint16(0);
  if (order !== 0x4949 && order !== 0x4d4d) return undefined;
  const little = order === 0x4949;
  if (view.getUint16(2, little) !== 42) return undefined;
  const ifd = view.getUint32(4, little);
  if (ifd + 2 > view.byteLength) return undefined;
  const count = view.getUint16(ifd, little);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > view.byteLength) return undefined;
    if (view.getUint16(entry, little) !== ORIENTATION_TAG) continue;
    if (view.getUint16(entry + 2, little) !== SHORT) return undefined;
    const value = view.getUint16(entry + 8, little);
    return value >= 1 && value <= 8 ? value : undefined;
  }
  return undefined;
}
