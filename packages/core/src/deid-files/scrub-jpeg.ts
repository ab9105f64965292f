import { exifOrientation } from '../raster/exif-orientation.js';
import { exifOrientationSegment } from './exif-orientation-segment.js';
import { type JpegPiece, readJpegPieces, writeJpegPieces } from './jpeg-segments.js';
import type { ScrubbedFile } from './scrubbed-file.js';

export interface JpegScrubReport {
  readonly format: 'JPEG';
  /**
   * Segments dropped, by marker (APP1, APP13, COM, ...) and kind (Exif, XMP, Photoshop, ...; only
   * from a fixed list, so that a segment's own text never reaches the report), with counts.
   */
  readonly removedSegments: readonly {
    readonly segment: string;
    readonly kind: string;
    readonly count: number;
  }[];
  /** The JFIF thumbnail (pixels of a possibly older version of the picture) was cut from APP0. */
  readonly jfifThumbnailRemoved: boolean;
  /** An APP2 ICC_PROFILE was kept: it holds colour data and device text, nothing about the patient. */
  readonly iccProfileKept: boolean;
  /** The EXIF Orientation (2–8) written back in a minimal EXIF segment, if the file had one. */
  readonly exifOrientationKept?: number;
  /** Bytes after EOI (trailers, appended second pictures), dropped. */
  readonly trailingBytes: number;
}

const APP0 = 0xe0;
const APP1 = 0xe1;
const APP2 = 0xe2;
const APP14 = 0xee;
const APP15 = 0xef;
const COM = 0xfe;
const JFIF_HEADER_BYTES = 14;

/** Known APPn identifiers, named in the report; anything else is 'other'. */
const KINDS: readonly [string, string][] = [
  ['Exif\0', 'Exif'],
  ['http://ns.adobe.com/xap/1.0/', 'XMP'],
  ['http://ns.adobe.com/xmp/extension/', 'XMP extension'],
  ['JFXX\0', 'JFXX thumbnail'],
  ['MPF\0', 'MPF'],
  ['FPXR\0', 'FlashPix'],
  ['Photoshop 3.0\0', 'Photoshop IPTC'],
  ['Ducky', 'Ducky'],
  ['Adobe', 'Adobe'],
  ['ICC_PROFILE\0', 'ICC profile'],
];

/**
 * De-identifies a JPEG without decoding it: keeps the tables, frame and scan segments and the
 * entropy-coded data byte for byte, and of the application segments only APP0 JFIF (without its
 * thumbnail), APP2 ICC_PROFILE and APP14 Adobe, which decoders need for colour. All other APPn (EXIF,
 * XMP, IPTC, MPF, maker notes) and every COM go, and so do bytes after EOI. An EXIF Orientation other
 * than 1 is written back alone, so the picture still shows upright. Throws ImageReadError for a file
 * that is not a whole JPEG.
 */
export function scrubJpeg(bytes: Uint8Array): ScrubbedFile<JpegScrubReport> {
  const { pieces, trailingBytes } = readJpegPieces(bytes);
  const scrub: Scrub = { kept: [], removed: new Map(), jfifThumbnailRemoved: false, iccProfileKept: false };
  for (const piece of pieces) {
    if (piece.marker === APP1 && scrub.orientation === undefined && keepOrientation(piece, scrub)) continue;
    const payload = keptPayload(piece, scrub);
    if (payload) scrub.kept.push({ marker: piece.marker, payload });
    else countRemoved(piece, scrub);
  }
  const removedSegments = [...scrub.removed].map(([key, count]) => {
    const [segment, kind] = key.split('\t') as [string, string];
    return { segment, kind, count };
  });
  const { orientation } = scrub;
  const report: JpegScrubReport = {
    format: 'JPEG',
    removedSegments,
    jfifThumbnailRemoved: scrub.jfifThumbnailRemoved,
    iccProfileKept: scrub.iccProfileKept,
    ...(orientation !== undefined && orientation !== 1 ? { exifOrientationKept: orientation } : {}),
    trailingBytes,
  };
  return { bytes: writeJpegPieces(scrub.kept), report };
}

/** What the walk over a JPEG's pieces has kept and dropped so far. */
interface Scrub {
  readonly kept: JpegPiece[];
  readonly removed: Map<string, number>;
  jfifThumbnailRemoved: boolean;
  iccProfileKept: boolean;
  orientation?: number | undefined;
}

/**
 * Writes a minimal EXIF in place of the first APP1 that has an orientation other than 1. True when
 * the segment already was exactly that (a file scrubbed before), so it is not reported as removed.
 */
function keepOrientation(piece: JpegPiece, scrub: Scrub): boolean {
  scrub.orientation = exifOrientation(piece.payload, 0, piece.payload.length);
  if (scrub.orientation === undefined || scrub.orientation === 1) return false;
  const minimal = exifOrientationSegment(scrub.orientation);
  scrub.kept.push({ marker: APP1, payload: minimal });
  return sameBytes(piece.payload, minimal);
}

/** The payload to keep for `piece` (possibly cut), or undefined when the piece is dropped. */
function keptPayload(piece: JpegPiece, scrub: Scrub): Uint8Array | undefined {
  const { marker, payload } = piece;
  if (marker === APP0 && hasPrefix(payload, 'JFIF\0')) {
    const cut = withoutJfifThumbnail(payload);
    scrub.jfifThumbnailRemoved ||= cut !== payload;
    return cut;
  }
  if (marker === APP2 && hasPrefix(payload, 'ICC_PROFILE\0')) {
    scrub.iccProfileKept = true;
    return payload;
  }
  if (marker === APP14 && hasPrefix(payload, 'Adobe')) return payload;
  const droppable = marker !== undefined && (marker === COM || (marker >= APP0 && marker <= APP15));
  return droppable ? undefined : payload;
}

function countRemoved(piece: JpegPiece, scrub: Scrub): void {
  const marker = piece.marker!;
  const key = `${segmentName(marker)}\t${marker === COM ? 'comment' : kindOf(piece.payload)}`;
  scrub.removed.set(key, (scrub.removed.get(key) ?? 0) + 1);
}

/** JFIF APP0 is 14 bytes of header, then Xthumbnail × Ythumbnail RGB pixels: those are cut. */
function withoutJfifThumbnail(payload: Uint8Array): Uint8Array {
  // Up to 14 bytes there is no thumbnail data, whatever Xthumbnail and Ythumbnail say.
  if (payload.length <= JFIF_HEADER_BYTES) return payload;
  const cut = payload.slice(0, JFIF_HEADER_BYTES);
  cut[12] = 0;
  cut[13] = 0;
  return cut;
}

function segmentName(marker: number): string {
  return marker === COM ? 'COM' : `APP${marker - APP0}`;
}

function kindOf(payload: Uint8Array): string {
  return KINDS.find(([prefix]) => hasPrefix(payload, prefix))?.[1] ?? 'other';
}

function hasPrefix(payload: Uint8Array, prefix: string): boolean {
  return (
    payload.length >= prefix.length && Array.from(prefix).every((c, i) => payload[i] === c.charCodeAt(0))
  );
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
