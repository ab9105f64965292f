/** Sample precision and component count from a JPEG's SOF segment (ITU T.81 B.2.2). */
export interface JpegFrameHeader {
  readonly marker: number;
  readonly precision: number;
  readonly rows: number;
  readonly columns: number;
  readonly components: number;
}

function isStartOfFrame(marker: number): boolean {
  // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** Walks the marker segments up to the first SOF; undefined when there is none before the scan. */
export function readJpegFrameHeader(bytes: Uint8Array): JpegFrameHeader | undefined {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  let at = 2;
  while (at + 3 < bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return undefined;
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    if (isStartOfFrame(marker)) {
      if (at + 9 >= bytes.length) return undefined;
      return {
        marker,
        precision: bytes[at + 4]!,
        rows: (bytes[at + 5]! << 8) | bytes[at + 6]!,
        columns: (bytes[at + 7]! << 8) | bytes[at + 8]!,
        components: bytes[at + 9]!,
      };
    }
    at += 2 + length;
  }
  return undefined;
}
