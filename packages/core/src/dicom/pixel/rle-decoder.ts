// RLE Lossless (PS3.5 Annex G) is a 64-byte header and PackBits segments; it is small enough to write
// here, and no maintained JS package decodes just DICOM RLE (the DICOM loaders that do bundle it inside
// a browser-only library).
import { ImageReadError } from '../../errors/image-read-error.js';
import type { PixelModule } from './pixel-module.js';

const HEADER_BYTES = 64;

function fail(detail: string): ImageReadError {
  return new ImageReadError('CODEC_FAILED', `RLE: ${detail}`);
}

function readUint32LE(bytes: Uint8Array, at: number): number {
  return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
}

/** PackBits: a header byte n ≥ 0 copies n + 1 literal bytes, −127..−1 repeats the next byte 1 − n times. */
function unpackSegment(bytes: Uint8Array, start: number, end: number, out: Uint8Array): number {
  let i = start;
  let o = 0;
  while (o < out.length && i < end) {
    const n = bytes[i++]!;
    if (n < 128) {
      const count = Math.min(n + 1, end - i, out.length - o);
      out.set(bytes.subarray(i, i + count), o);
      i += n + 1;
      o += count;
    } else if (n > 128) {
      const count = Math.min(257 - n, out.length - o);
      if (i >= end) break;
      out.fill(bytes[i++]!, o, o + count);
      o += count;
    }
    // n = 128 (−128) is a no-op.
  }
  return o;
}

function segmentBounds(frame: Uint8Array, expected: number): number[] {
  if (frame.length < HEADER_BYTES)
    throw fail(`the frame has ${frame.length} bytes, less than its 64-byte header`);
  const count = readUint32LE(frame, 0);
  if (count !== expected)
    throw fail(`the header lists ${count} segments, the pixel module needs ${expected}`);
  const offsets: number[] = [];
  for (let s = 0; s < count; s++) offsets.push(readUint32LE(frame, 4 + 4 * s));
  offsets.push(frame.length);
  for (let s = 0; s < count; s++) {
    if (offsets[s]! < HEADER_BYTES || offsets[s]! > offsets[s + 1]!) {
      throw fail(`segment ${s + 1} has offset ${offsets[s]}, outside the frame of ${frame.length} bytes`);
    }
  }
  return offsets;
}

/**
 * PackBits expands at most 64-fold (a 2-byte run repeats a byte 128 times): a segment shorter than
 * 1/64 of what it must fill cannot be valid. Checked before any allocation, so a tiny file declaring
 * a huge image fails at once instead of allocating gigabytes.
 */
function checkSegmentsCanFill(offsets: number[], segmentLength: number): void {
  for (let s = 0; s + 1 < offsets.length; s++) {
    const bytes = offsets[s + 1]! - offsets[s]!;
    if (bytes * 64 < segmentLength) {
      throw fail(
        `segment ${s + 1} has ${bytes} bytes, too few to decode to the ${segmentLength} the image needs`,
      );
    }
  }
}

/**
 * Decodes one RLE frame to little-endian, pixel-interleaved sample bytes. Segments hold one byte of one
 * sample each, most significant byte first. 1-bit frames come back still packed (one segment of bytes).
 */
export function decodeRleFrame(frame: Uint8Array, module: PixelModule): Uint8Array {
  const { samplesPerPixel: spp } = module;
  const pixels = module.rows * module.columns;
  const bytesPerSample = Math.max(1, module.bitsAllocated / 8);
  const segmentLength = module.bitsAllocated === 1 ? Math.ceil(pixels / 8) : pixels;
  const offsets = segmentBounds(frame, spp * bytesPerSample);
  checkSegmentsCanFill(offsets, segmentLength);
  const out = new Uint8Array(segmentLength * spp * bytesPerSample);
  const segment = new Uint8Array(segmentLength);
  for (let s = 0; s < spp; s++) {
    for (let b = 0; b < bytesPerSample; b++) {
      const index = s * bytesPerSample + b;
      const written = unpackSegment(frame, offsets[index]!, offsets[index + 1]!, segment);
      if (written < segmentLength)
        throw fail(`segment ${index + 1} decodes to ${written} of ${segmentLength} bytes`);
      const lane = s * bytesPerSample + (bytesPerSample - 1 - b);
      const stride = spp * bytesPerSample;
      for (let p = 0; p < segmentLength; p++) out[p * stride + lane] = segment[p]!;
    }
  }
  return out;
}
