const ORIENTATION_TAG = 0x0112;
const SHORT = 3;

/**
 * The payload of an APP1 segment that holds nothing but an EXIF Orientation: "Exif\0\0", a big-endian
 * TIFF header and one IFD with one entry. It lets viewers that apply EXIF orientation keep showing
 * the picture upright after the rest of EXIF (names, dates, GPS, thumbnail) is dropped.
 */
export function exifOrientationSegment(orientation: number): Uint8Array {
  const payload = new Uint8Array(32);
  const view = new DataView(payload.buffer);
  payload.set([0x45, 0x78, 0x69, 0x66, 0, 0, 0x4d, 0x4d, 0, 42], 0); // "Exif\0\0" "MM" 42
  view.setUint32(10, 8); // IFD0 right after the 8-byte TIFF header
  view.setUint16(14, 1); // one entry
  view.setUint16(16, ORIENTATION_TAG);
  view.setUint16(18, SHORT);
  view.setUint32(20, 1); // count
  view.setUint16(24, orientation); // a SHORT sits in the first two bytes of the value field
  return payload; // bytes 26–31: padding and "no next IFD", both 0
}
