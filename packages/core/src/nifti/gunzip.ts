import { Gunzip, gunzipSync } from 'fflate';
import { asReadError, ImageReadError } from '../errors/image-read-error.js';
import { crc32 } from './crc32.js';

/** Decompresses a whole gzip file, all members (Node passes zlib.gunzipSync, which is faster). */
export type GunzipFunction = (bytes: Uint8Array) => Uint8Array;

export interface GunzipOptions {
  gunzip?: GunzipFunction;
}

/** Deflate cannot expand data more than 1032:1; a trailer claiming more is not a real gzip file. */
const MAX_DEFLATE_RATIO = 1032;

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function trailer(bytes: Uint8Array): { crc: number; size: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset + bytes.length - 8, 8);
  return { crc: view.getUint32(0, true), size: view.getUint32(4, true) };
}

/**
 * fflate's streaming Gunzip reads every member, but is about 3× slower than gunzipSync. A lone member
 * is checked against its trailer (fflate does not check CRCs); later members of several are not.
 */
function gunzipMembers(bytes: Uint8Array, expected: { crc: number; size: number }): Uint8Array {
  const parts: Uint8Array[] = [];
  let total = 0;
  let members = 1;
  const stream = new Gunzip((chunk) => {
    parts.push(chunk);
    total += chunk.length;
  });
  stream.onmember = () => {
    members++;
  };
  stream.push(bytes, true);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  if (members === 1 && (total % 2 ** 32 !== expected.size || crc32(out) !== expected.crc)) {
    throw new ImageReadError('CODEC_FAILED', 'gzip data is corrupt (CRC or length differs from its trailer)');
  }
  return out;
}

/**
 * Gunzip with fflate that is safe for multi-member files (pigz, concatenated parts) and files over
 * 4 GB. fflate's gunzipSync reads only the first member into a buffer sized by the last trailer, so
 * its result is used only when the trailer's CRC and size confirm it is the whole file; otherwise the
 * streaming decoder, which continues across members, is used.
 */
export function gunzipAll(bytes: Uint8Array): Uint8Array {
  if (bytes.length < 18)
    throw new ImageReadError('TRUNCATED', `gzip data of ${bytes.length} bytes is incomplete`);
  const expected = trailer(bytes);
  // gunzipSync allocates what the trailer says: not when that is more than deflate can produce
  // (a truncated file ends in compressed bytes, not a trailer). The streaming decoder grows as it goes.
  if (expected.size <= bytes.length * MAX_DEFLATE_RATIO) {
    try {
      const out = gunzipSync(bytes);
      if (out.length === expected.size && crc32(out) === expected.crc) return out;
    } catch {
      // Fall through: the streaming decoder either reads what gunzipSync could not, or reports why.
    }
  }
  return gunzipMembers(bytes, expected);
}

/** The bytes themselves, or their decompression when they start with the gzip magic. */
export function maybeGunzip(bytes: Uint8Array, options: GunzipOptions = {}): Uint8Array {
  if (!isGzip(bytes)) return bytes;
  try {
    return (options.gunzip ?? gunzipAll)(bytes);
  } catch (error) {
    // fflate's UnexpectedEOF is code 0; Node's zlib says Z_BUF_ERROR.
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 0 || code === 'Z_BUF_ERROR') {
      throw new ImageReadError('TRUNCATED', 'gzip data ends before its end-of-stream marker', undefined, {
        cause: error,
      });
    }
    const wrapped = asReadError(error, 'CODEC_FAILED');
    if (wrapped.code !== 'CODEC_FAILED' || wrapped.detail.startsWith('gzip')) throw wrapped;
    throw new ImageReadError('CODEC_FAILED', `gzip: ${wrapped.detail}`, undefined, { cause: error });
  }
}
