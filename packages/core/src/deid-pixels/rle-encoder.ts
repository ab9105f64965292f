import type { PixelModule } from '../dicom/pixel/pixel-module.js';
import type { PixelArray } from '../dicom/pixel/stored-values.js';

/*
 * DICOM RLE Lossless (PS3.5 Annex G). No codec package in core's dependencies encodes it, and the format
 * is small: a 64-byte header of segment offsets, then one PackBits segment per byte plane (most
 * significant byte of each sample first, sample after sample), each row coded on its own.
 */

const MAX_RUN = 128;

/** PackBits (G.3.1) of one row: replicate runs of 2 or more bytes, literal runs between them. */
function packRow(row: Uint8Array, out: number[]): void {
  let i = 0;
  while (i < row.length) {
    let run = 1;
    while (i + run < row.length && run < MAX_RUN && row[i + run] === row[i]) run++;
    if (run >= 2) {
      out.push(257 - run, row[i]!);
      i += run;
      continue;
    }
    const start = i;
    // A literal run ends where a replicate run of 2 or more starts.
    while (i < row.length && i - start < MAX_RUN && !(i + 1 < row.length && row[i + 1] === row[i])) i++;
    if (i === start) i++; // a single byte followed by a run: still a literal of one.
    out.push(i - start - 1);
    for (let k = start; k < i; k++) out.push(row[k]!);
  }
}

/**
 * One frame as an RLE Lossless fragment: stored values (interleaved samples, as decoded) written as the
 * words native Pixel Data would hold (masked to Bits Stored, at High Bit), split into byte planes.
 */
export function encodeRleFrame(frame: PixelArray, module: PixelModule): Uint8Array {
  const { rows, columns, samplesPerPixel: spp, bitsAllocated, bitsStored, highBit } = module;
  const bytesPerSample = bitsAllocated / 8;
  const range = 2 ** bitsStored;
  const scale = 2 ** (highBit + 1 - bitsStored);
  const segments: Uint8Array[] = [];
  const row = new Uint8Array(columns);
  for (let s = 0; s < spp; s++) {
    for (let byte = bytesPerSample - 1; byte >= 0; byte--) {
      const coded: number[] = [];
      for (let y = 0; y < rows; y++) {
        for (let x = 0; x < columns; x++) {
          const v = frame[(y * columns + x) * spp + s]!;
          const word = (((v % range) + range) % range) * scale;
          row[x] = Math.floor(word / 2 ** (8 * byte)) % 256;
        }
        packRow(row, coded);
      }
      // Segments are padded to even length so that every offset stays even.
      if (coded.length % 2 === 1) coded.push(0x80);
      segments.push(Uint8Array.from(coded));
    }
  }
  const header = new Uint8Array(64);
  const view = new DataView(header.buffer);
  view.setUint32(0, segments.length, true);
  let offset = 64;
  segments.forEach((segment, i) => {
    view.setUint32(4 + 4 * i, offset, true);
    offset += segment.length;
  });
  const out = new Uint8Array(offset);
  out.set(header);
  let at = 64;
  for (const segment of segments) {
    out.set(segment, at);
    at += segment.length;
  }
  return out;
}
