import { ImageReadError } from '../errors/image-read-error.js';

/**
 * One piece of a JPEG file in order: a marker segment (marker code and the payload after its length
 * field), a marker without a payload (SOI, EOI, RSTn, TEM), or the entropy-coded data after an SOS
 * (marker undefined), which holds its stuffed bytes and RSTn markers exactly as in the file.
 */
export interface JpegPiece {
  readonly marker: number | undefined;
  readonly payload: Uint8Array;
}

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
/** SOF55: a JPEG-LS frame, whose scans stuff bits differently (ITU-T T.87 §A.1). */
const SOF_JPEG_LS = 0xf7;

/** Markers that stand alone, without a length (ITU-T T.81 §B.1.1.3). */
function isStandalone(marker: number): boolean {
  return marker === 0x01 || (marker >= 0xd0 && marker <= EOI);
}

/**
 * Splits a JPEG into its pieces, from SOI to EOI, and counts the bytes after EOI. Every scan is
 * followed (progressive files have several, with tables and comments between them). Throws
 * ImageReadError saying at which byte the file stops being a JPEG.
 */
export function readJpegPieces(bytes: Uint8Array): { pieces: JpegPiece[]; trailingBytes: number } {
  if (!(bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === SOI)) {
    throw new ImageReadError('NOT_IMAGE', 'the file does not start with a JPEG SOI marker');
  }
  const pieces: JpegPiece[] = [{ marker: SOI, payload: new Uint8Array(0) }];
  let offset = 2;
  let jpegLs = false;
  for (;;) {
    const { marker, at } = nextMarker(bytes, offset);
    offset = at + 1;
    if (isStandalone(marker)) {
      pieces.push({ marker, payload: new Uint8Array(0) });
      if (marker === EOI) return { pieces, trailingBytes: bytes.length - offset };
      continue;
    }
    if (offset + 2 > bytes.length) throw truncated(bytes.length);
    const end = offset + ((bytes[offset]! << 8) | bytes[offset + 1]!);
    if (end < offset + 2) {
      throw new ImageReadError('MALFORMED', `JPEG segment FF${hex(marker)} at byte ${at - 1} is too short`);
    }
    if (end > bytes.length) throw truncated(bytes.length);
    pieces.push({ marker, payload: bytes.subarray(offset + 2, end) });
    offset = end;
    jpegLs ||= marker === SOF_JPEG_LS;
    if (marker === SOS) {
      const scanEnd = endOfScan(bytes, offset, jpegLs);
      pieces.push({ marker: undefined, payload: bytes.subarray(offset, scanEnd) });
      offset = scanEnd;
    }
  }
}

/** A JPEG file made of `pieces`, in order. */
export function writeJpegPieces(pieces: readonly JpegPiece[]): Uint8Array {
  const size = pieces.reduce((sum, p) => sum + pieceSize(p), 0);
  const out = new Uint8Array(size);
  let offset = 0;
  for (const piece of pieces) {
    if (piece.marker !== undefined) {
      out[offset++] = 0xff;
      out[offset++] = piece.marker;
      if (!isStandalone(piece.marker)) {
        const length = piece.payload.length + 2;
        out[offset++] = length >> 8;
        out[offset++] = length & 0xff;
      }
    }
    out.set(piece.payload, offset);
    offset += piece.payload.length;
  }
  return out;
}

function pieceSize(piece: JpegPiece): number {
  if (piece.marker === undefined) return piece.payload.length;
  return isStandalone(piece.marker) ? 2 : 4 + piece.payload.length;
}

/**
 * Entropy-coded data ends at the first FF that is neither stuffing nor a restart (FF D0–D7).
 * Stuffing is FF 00, or in JPEG-LS an FF followed by any byte below 80.
 */
function endOfScan(bytes: Uint8Array, start: number, jpegLs: boolean): number {
  for (let i = start; i + 1 < bytes.length; i++) {
    if (bytes[i] !== 0xff) continue;
    const next = bytes[i + 1]!;
    if (next === 0x00 || (jpegLs && next < 0x80) || (next >= 0xd0 && next <= 0xd7)) i++;
    else return i;
  }
  throw new ImageReadError('TRUNCATED', `JPEG ends at byte ${bytes.length}, inside scan data, without EOI`);
}

/** The marker at `offset`, after any fill bytes FF (§B.1.1.2). */
function nextMarker(bytes: Uint8Array, offset: number): { marker: number; at: number } {
  if (offset >= bytes.length) throw truncated(bytes.length);
  if (bytes[offset] !== 0xff) {
    throw new ImageReadError(
      'MALFORMED',
      `JPEG has byte ${hex(bytes[offset]!)} at ${offset} where a marker belongs`,
    );
  }
  let at = offset + 1;
  while (at < bytes.length && bytes[at] === 0xff) at++;
  if (at >= bytes.length) throw truncated(bytes.length);
  if (bytes[at] === 0x00)
    throw new ImageReadError('MALFORMED', `JPEG has FF 00 at byte ${at - 1} outside scan data`);
  return { marker: bytes[at]!, at };
}

function truncated(size: number): ImageReadError {
  return new ImageReadError('TRUNCATED', `JPEG ends at byte ${size}, inside a marker segment`);
}

function hex(value: number): string {
  return value.toString(16).toUpperCase().padStart(2, '0');
}
