/** The 10-byte header of one gzip member (RFC 1952): deflate, no name, no mtime, OS unknown. */
export function gzipHeader(level: number): Uint8Array {
  const xfl = level === 9 ? 2 : level === 1 ? 4 : 0; // "maximum compression" / "fastest" hints
  return new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, xfl, 255]);
}

/** The 8-byte trailer: CRC-32 and the input length modulo 2^32, little-endian. */
export function gzipTrailer(crc: number, length: number): Uint8Array {
  const out = new Uint8Array(8);
  const view = new DataView(out.buffer);
  view.setUint32(0, crc >>> 0, true);
  view.setUint32(4, length % 2 ** 32, true);
  return out;
}
