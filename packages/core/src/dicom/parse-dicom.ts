import dicomParser, { type DataSet, type Element } from 'dicom-parser';
import { Inflate } from 'fflate';
import { asReadError, ImageReadError } from '../errors/image-read-error.js';
import { guessTransferSyntax } from './guess-transfer-syntax.js';
import { transferSyntax } from './transfer-syntax.js';

export type { DataSet, Element } from 'dicom-parser';

export interface ParseDicomOptions {
  /** Names the file in errors. */
  readonly file?: string;
  /** Stop at Pixel Data: the header only (its element is kept, its bytes may be absent). */
  readonly untilPixelData?: boolean;
  /**
   * Raw-deflate decompressor for the deflated transfer syntax; Node passes zlib, the default is fflate.
   * It should stop at `maxOutputLength` bytes (a decompression bomb); more is refused after the fact.
   */
  readonly inflateRaw?: (bytes: Uint8Array, maxOutputLength: number) => Uint8Array;
}

/** A parsed DICOM dataset with the facts needed to interpret it. */
export interface ParsedDicom {
  readonly dataSet: DataSet;
  readonly transferSyntaxUID: string;
  /** False for files without the 128-byte preamble and DICM prefix (legacy or raw datasets). */
  readonly hasPart10Header: boolean;
  readonly headerOnly: boolean;
}

const PIXEL_DATA = 'x7fe00010';
const UNDEFINED_LENGTH = 0xffffffff;
// Deeper nesting than this is not found in real files; it guards the recursive parser's stack.
const MAX_SEQUENCE_DEPTH = 32;

function hasDicmPrefix(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 132 &&
    bytes[128] === 0x44 &&
    bytes[129] === 0x49 &&
    bytes[130] === 0x43 &&
    bytes[131] === 0x4d
  );
}

function startsWithMetaGroup(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && bytes[0] === 0x02 && bytes[1] === 0x00;
}

/** A File Meta group with no preamble in front: give it one so that the standard path reads it. */
function withPreamble(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length + 132);
  out.set([0x44, 0x49, 0x43, 0x4d], 128);
  out.set(bytes, 132);
  return out;
}

// A deflated dataset may inflate to 64 MiB, or to 64 times its deflated size when that is more: real
// datasets compress far less (image_dfl.dcm, a flat test image, is 56:1); deflate allows 1032:1.
const MIN_INFLATE_LIMIT = 64 * 2 ** 20;
const MAX_INFLATE_RATIO = 64;
// fflate inflates each pushed chunk whole: small chunks keep the overshoot past the limit small.
const INFLATE_CHUNK = 16 * 1024;

function inflateLimit(deflatedBytes: number): number {
  return Math.max(MIN_INFLATE_LIMIT, MAX_INFLATE_RATIO * deflatedBytes);
}

function bomb(limit: number, deflatedBytes: number): ImageReadError {
  return new ImageReadError(
    'LIMIT_EXCEEDED',
    `the ${deflatedBytes}-byte deflated dataset inflates to more than ${limit} bytes: refused as a decompression bomb`,
  );
}

/** fflate's streaming inflate, stopped as soon as the output passes `maxOutputLength`. */
function fflateInflateRaw(bytes: Uint8Array, maxOutputLength: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const stream = new Inflate((chunk) => {
    total += chunk.length;
    if (total > maxOutputLength) throw bomb(maxOutputLength, bytes.length);
    chunks.push(chunk);
  });
  for (let at = 0; at < bytes.length || at === 0; at += INFLATE_CHUNK) {
    stream.push(bytes.subarray(at, at + INFLATE_CHUNK), at + INFLATE_CHUNK >= bytes.length);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function inflater(inflateRaw: (bytes: Uint8Array, maxOutputLength: number) => Uint8Array) {
  return (byteArray: Uint8Array, position: number): Uint8Array => {
    const deflated = byteArray.subarray(position);
    const limit = inflateLimit(deflated.length);
    const inflated = inflateRaw(deflated, limit);
    if (inflated.length > limit) throw bomb(limit, deflated.length);
    const full = new Uint8Array(position + inflated.length);
    full.set(byteArray.subarray(0, position), 0);
    full.set(inflated, position);
    return full;
  };
}

/** dicom-parser throws strings, Errors and {exception, dataSet} objects; name what happened. */
function classify(error: unknown, file: string | undefined): ImageReadError {
  if (error instanceof ImageReadError) return file ? error.withFile(file) : error;
  const inner = (error as { exception?: unknown } | undefined)?.exception ?? error;
  if (inner instanceof ImageReadError) return file ? inner.withFile(file) : inner;
  if (inner instanceof RangeError && /call stack/i.test(inner.message)) {
    return new ImageReadError('LIMIT_EXCEEDED', 'sequences are nested too deeply to parse', file, {
      cause: error,
    });
  }
  const message = inner instanceof Error ? inner.message : String(inner);
  const clean = message.replace(/^dicomParser\.\w+: /, '');
  // dicom-parser reports an item or sequence running past the end as a bad 'maxPosition'.
  if (/maxP ?osition/.test(message)) {
    return new ImageReadError('TRUNCATED', 'a sequence or item runs past the end of the file', file, {
      cause: error,
    });
  }
  if (/past end|buffer overrun|end of buffer|eof/i.test(message)) {
    return new ImageReadError('TRUNCATED', `the dataset ends early (${clean})`, file, { cause: error });
  }
  return asReadError(new Error(`the dataset is malformed (${clean})`), 'MALFORMED', file);
}

function parseWith(bytes: Uint8Array, uid: string | undefined, options: ParseDicomOptions): DataSet {
  return dicomParser.parseDicom(bytes, {
    ...(uid ? { TransferSyntaxUID: uid } : {}),
    ...(options.untilPixelData ? { untilTag: PIXEL_DATA } : {}),
    inflater: inflater(options.inflateRaw ?? fflateInflateRaw),
  });
}

/**
 * Parses a DICOM file or bare dataset. Part 10 files are read as their meta header says; files without
 * a preamble, or whose meta header lacks a transfer syntax, are read only when the first element makes
 * the encoding unambiguous. Throws ImageReadError (never a parser's string) on bad input.
 */
export function parseDicom(bytes: Uint8Array, options: ParseDicomOptions = {}): ParsedDicom {
  const file = options.file;
  try {
    const part10 = hasDicmPrefix(bytes);
    const input = !part10 && startsWithMetaGroup(bytes) ? withPreamble(bytes) : bytes;
    let dataSet: DataSet;
    if (hasDicmPrefix(input)) {
      dataSet = parsePart10(input, options);
    } else {
      const guessed = guessTransferSyntax(input, 0);
      if (!guessed) {
        throw new ImageReadError(
          'NOT_DICOM',
          'not DICOM: no DICM prefix and no recognisable dataset at the start',
        );
      }
      dataSet = parseWith(input, guessed, options);
    }
    const uid = (dataSet.string('x00020010') ?? '').trim();
    checkDelimiters(dataSet);
    checkElements(dataSet, dataSet.byteArray.length, options.untilPixelData === true, 0);
    return {
      dataSet,
      transferSyntaxUID: uid,
      hasPart10Header: part10,
      headerOnly: options.untilPixelData === true,
    };
  } catch (error) {
    throw classify(error, file);
  }
}

function parsePart10(bytes: Uint8Array, options: ParseDicomOptions): DataSet {
  const meta = dicomParser.readPart10Header(bytes);
  const declared = meta.string('x00020010')?.replace(/\0/g, '').trim();
  if (declared) {
    if (!transferSyntax(declared)) {
      throw new ImageReadError('UNSUPPORTED_TRANSFER_SYNTAX', `transfer syntax ${declared} is not supported`);
    }
    return parseWith(bytes, undefined, options);
  }
  // The meta header has no Transfer Syntax UID: read the dataset only if its encoding is unambiguous.
  const position = (meta as unknown as { position: number }).position;
  const guessed = guessTransferSyntax(bytes, position);
  if (!guessed) {
    throw new ImageReadError(
      'MISSING_ATTRIBUTE',
      'the File Meta Information has no Transfer Syntax UID (0002,0010) and the dataset encoding cannot be told',
    );
  }
  const dataSet = dicomParser.parseDicom(bytes.subarray(position), {
    TransferSyntaxUID: guessed,
    ...(options.untilPixelData ? { untilTag: PIXEL_DATA } : {}),
  });
  for (const [tag, element] of Object.entries(meta.elements)) dataSet.elements[tag] = element;
  dataSet.elements.x00020010 = { tag: 'x00020010', vr: 'UI', Value: guessed } as unknown as Element;
  return dataSet;
}

/**
 * dicom-parser closes a sequence or item of undefined length that reaches the end of the bytes without
 * its delimiter, and only warns: the file was cut short, and what that sequence holds cannot be trusted.
 */
function checkDelimiters(dataSet: DataSet): void {
  const missing = dataSet.warnings.find((w) => /^eof encountered .* of undefined length$/.test(w));
  if (missing) {
    throw new ImageReadError(
      'TRUNCATED',
      'a sequence or item of undefined length runs to the end of the file without its delimiter',
    );
  }
}

/** Every element's value must lie inside the bytes, and sequences must not nest without end. */
function checkElements(dataSet: DataSet, size: number, headerOnly: boolean, depth: number): void {
  if (depth > MAX_SEQUENCE_DEPTH) {
    throw new ImageReadError('LIMIT_EXCEEDED', `sequences are nested more than ${MAX_SEQUENCE_DEPTH} deep`);
  }
  for (const element of Object.values(dataSet.elements)) {
    if (element.tag === PIXEL_DATA && headerOnly) continue;
    const length = element.length;
    if (element.items) {
      for (const item of element.items)
        if (item.dataSet) checkElements(item.dataSet, size, headerOnly, depth + 1);
    } else if (
      length !== UNDEFINED_LENGTH &&
      element.dataOffset + length > size &&
      element.tag !== PIXEL_DATA
    ) {
      throw new ImageReadError(
        'TRUNCATED',
        `element (${element.tag.slice(1, 5)},${element.tag.slice(5)}) declares ${length} bytes but the file ends ${size - element.dataOffset} bytes after its start`,
      );
    }
  }
}
