import { ImageReadError } from '../errors/image-read-error.js';
import { type PngChunk, readPngChunks, writePngChunks } from './png-chunks.js';
import type { ScrubbedFile } from './scrubbed-file.js';

export interface PngScrubReport {
  readonly format: 'PNG';
  /** Chunks dropped, by type, with how many of each (tEXt, zTXt, iTXt, eXIf, tIME, ...). */
  readonly removedChunks: readonly { readonly type: string; readonly count: number }[];
  /** The iCCP chunk's free-text profile name was replaced by a neutral one (the profile is kept). */
  readonly iccProfileRenamed: boolean;
  /** Bytes after IEND, which no reader uses, dropped. */
  readonly trailingBytes: number;
}

/**
 * Chunks kept: the critical ones, and the ancillary ones needed to show the pixels' colours and size
 * as the author meant. None holds free text except iCCP's profile name, which is renamed. cICP, mDCV
 * and cLLI (PNG third edition, HDR colour) are fixed-size numbers like sRGB and are kept with it.
 */
const KEPT = new Set([
  'IHDR',
  'PLTE',
  'IDAT',
  'IEND',
  'tRNS',
  'gAMA',
  'cHRM',
  'sRGB',
  'iCCP',
  'sBIT',
  'pHYs',
  'bKGD',
  'cICP',
  'mDCV',
  'cLLI',
]);
const CRITICAL = ['IHDR', 'PLTE', 'IDAT', 'IEND'];
/** Latin-1 "ICC profile": iCCP's name is free text (1–79 bytes), so every scrubbed file says this. */
const NEUTRAL_ICC_NAME = Array.from('ICC profile', (c) => c.charCodeAt(0));

/**
 * De-identifies a PNG without re-encoding its pixels: drops every ancillary chunk that is not in
 * the list above (text, EXIF, time stamps, private chunks, APNG frames), renames the ICC profile, drops
 * bytes after IEND, and writes the chunk stream anew with valid CRCs. IDAT data is copied as is.
 * Throws ImageReadError for a file that is not a whole PNG, or that has a critical chunk it cannot
 * know the meaning of (dropping it could change the picture).
 */
export function scrubPng(bytes: Uint8Array): ScrubbedFile<PngScrubReport> {
  const { chunks, trailingBytes } = readPngChunks(bytes);
  const kept: PngChunk[] = [];
  const removed = new Map<string, number>();
  let iccProfileRenamed = false;
  for (const chunk of chunks) {
    if (isCritical(chunk.type) && !CRITICAL.includes(chunk.type)) {
      throw new ImageReadError('UNSUPPORTED_IMAGE', `PNG has an unknown critical chunk ${chunk.type}`);
    }
    if (!KEPT.has(chunk.type)) {
      removed.set(chunk.type, (removed.get(chunk.type) ?? 0) + 1);
    } else if (chunk.type === 'iCCP') {
      const renamed = renameIccProfile(chunk);
      iccProfileRenamed ||= renamed !== chunk;
      kept.push(renamed);
    } else {
      kept.push(chunk);
    }
  }
  if (!kept.some((c) => c.type === 'IDAT')) {
    throw new ImageReadError('MALFORMED', 'PNG has no IDAT chunk: it holds no pixel data');
  }
  const removedChunks = [...removed].map(([type, count]) => ({ type, count }));
  return {
    bytes: writePngChunks(kept),
    report: { format: 'PNG', removedChunks, iccProfileRenamed, trailingBytes },
  };
}

/** Bit 5 of the first letter: upper case is critical (PNG §5.4). */
function isCritical(type: string): boolean {
  return (type.charCodeAt(0) & 0x20) === 0;
}

/** iCCP is name, NUL, compression method, compressed profile: the name is replaced, the rest kept. */
function renameIccProfile(chunk: PngChunk): PngChunk {
  const end = chunk.data.indexOf(0);
  if (end < 1 || end > 79) throw new ImageReadError('MALFORMED', 'PNG iCCP chunk has no valid profile name');
  const name = chunk.data.subarray(0, end);
  if (name.length === NEUTRAL_ICC_NAME.length && name.every((b, i) => b === NEUTRAL_ICC_NAME[i]))
    return chunk;
  const data = new Uint8Array(NEUTRAL_ICC_NAME.length + chunk.data.length - end);
  data.set(NEUTRAL_ICC_NAME, 0);
  data.set(chunk.data.subarray(end), NEUTRAL_ICC_NAME.length);
  return { type: 'iCCP', data };
}
