import { ImageReadError } from '../errors/image-read-error.js';
import { crc32 } from '../nifti/crc32.js';
import { isPng, PNG_SIGNATURE } from '../raster/magic.js';

/** One chunk of a PNG: its four-letter type and its data (a view into the file). */
export interface PngChunk {
  readonly type: string;
  readonly data: Uint8Array;
}

/**
 * The chunks of a PNG from IHDR to IEND, each CRC-checked, and how many bytes follow IEND. Throws
 * ImageReadError naming the chunk and byte where the file stops being a PNG.
 */
export function readPngChunks(bytes: Uint8Array): { chunks: PngChunk[]; trailingBytes: number } {
  if (!isPng(bytes)) throw new ImageReadError('NOT_IMAGE', 'the file does not start with the PNG signature');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: PngChunk[] = [];
  let offset = PNG_SIGNATURE.length;
  for (;;) {
    if (offset + 12 > bytes.length) {
      throw new ImageReadError('TRUNCATED', `PNG ends at byte ${bytes.length}, before its IEND chunk`);
    }
    const length = view.getUint32(offset);
    const type = chunkType(bytes, offset + 4);
    const end = offset + 12 + length;
    if (length > 0x7fffffff || end > bytes.length) {
      throw new ImageReadError(
        'TRUNCATED',
        `PNG chunk ${type} at byte ${offset} declares ${length} bytes; the file ends at ${bytes.length}`,
      );
    }
    if (crc32(bytes.subarray(offset + 4, end - 4)) !== view.getUint32(end - 4)) {
      throw new ImageReadError('MALFORMED', `PNG chunk ${type} at byte ${offset} fails its CRC check`);
    }
    if (chunks.length === 0 && type !== 'IHDR') {
      throw new ImageReadError('MALFORMED', `PNG starts with chunk ${type}, not IHDR`);
    }
    chunks.push({ type, data: bytes.subarray(offset + 8, end - 4) });
    offset = end;
    if (type === 'IEND') return { chunks, trailingBytes: bytes.length - offset };
  }
}

/** A PNG made of `chunks`, each with its length and a CRC computed anew. */
export function writePngChunks(chunks: readonly PngChunk[]): Uint8Array {
  const size = chunks.reduce((sum, c) => sum + 12 + c.data.length, PNG_SIGNATURE.length);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  out.set(PNG_SIGNATURE, 0);
  let offset = PNG_SIGNATURE.length;
  for (const chunk of chunks) {
    view.setUint32(offset, chunk.data.length);
    for (let i = 0; i < 4; i++) out[offset + 4 + i] = chunk.type.charCodeAt(i);
    out.set(chunk.data, offset + 8);
    const end = offset + 8 + chunk.data.length;
    view.setUint32(end, crc32(out.subarray(offset + 4, end)));
    offset = end + 4;
  }
  return out;
}

function chunkType(bytes: Uint8Array, at: number): string {
  const codes = Array.from(bytes.subarray(at, at + 4));
  // Chunk types are four ASCII letters (PNG §5.4); anything else means the length before was wrong.
  if (!codes.every((c) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122))) {
    throw new ImageReadError('MALFORMED', `PNG chunk at byte ${at - 4} has an invalid type`);
  }
  return String.fromCharCode(...codes);
}
