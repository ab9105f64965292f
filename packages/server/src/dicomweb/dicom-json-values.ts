/**
 * The values of one element of a dicom-parser DataSet, read from its bytes as dcmjs reads them (dcmjs made
 * the stored DICOM JSON before, and clients already hold JSON made that way): strings split on backslash
 * and trimmed per VR, IS/DS as numbers, PN as its component groups, binary values as bytes.
 */

/** Where an element's bytes are and how its numbers are ordered. */
export interface ValueSource {
  readonly bytes: Uint8Array;
  /** The same bytes as a Buffer, for its fast ISO 8859-1 decoding. */
  readonly buffer: Buffer;
  readonly view: DataView;
  readonly littleEndian: boolean;
}

/** A decoder for the encoded VRs (LO, SH, PN, LT, ST, UT, UC), set by Specific Character Set. */
export type TextDecoderLike = { decode(input: Uint8Array): string };

export type ElementValue = number | string | bigint | null | Uint8Array | PersonName;
export interface PersonName {
  Alphabetic?: string;
  Ideographic?: string;
  Phonetic?: string;
}

interface NumberVr {
  readonly size: number;
  /** What dcmjs gives for an empty value (AT has none). */
  readonly empty: number | undefined;
  read(view: DataView, at: number, littleEndian: boolean): number | bigint | string;
}

const NUMBER_VRS: Record<string, NumberVr> = {
  US: { size: 2, empty: 0, read: (v, at, le) => v.getUint16(at, le) },
  SS: { size: 2, empty: 0, read: (v, at, le) => v.getInt16(at, le) },
  UL: { size: 4, empty: 0, read: (v, at, le) => v.getUint32(at, le) },
  SL: { size: 4, empty: 0, read: (v, at, le) => v.getInt32(at, le) },
  FL: { size: 4, empty: 0, read: (v, at, le) => v.getFloat32(at, le) },
  FD: { size: 8, empty: 0, read: (v, at, le) => v.getFloat64(at, le) },
  UV: { size: 8, empty: 0, read: (v, at, le) => v.getBigUint64(at, le) },
  // PS3.18 F.2.3: an AT value is the tag as a String "GGGGEEEE" (dcmjs gives the number 0xGGGGEEEE).
  AT: {
    size: 4,
    empty: undefined,
    read: (v, at, le) => hex4(v.getUint16(at, le)) + hex4(v.getUint16(at + 2, le)),
  },
};

function hex4(value: number): string {
  return value.toString(16).toUpperCase().padStart(4, '0');
}

/** The VRs dcmjs knows; any other VR (OL, OV, SV, a misspelt one) it reads as UN. */
const KNOWN_VRS = new Set([
  'AE', 'AS', 'AT', 'CS', 'DA', 'DS', 'DT', 'FL', 'FD', 'IS', 'LO', 'LT', 'OB', 'OD', 'OF', 'OW', 'PN',
  'SH', 'SL', 'SQ', 'SS', 'ST', 'TM', 'UC', 'UI', 'UL', 'UN', 'UR', 'US', 'UT', 'UV',
]); // biome-ignore format: a table
export const BYTES_VRS = new Set(['OB', 'OD', 'OF', 'OW', 'UN']);
/** Read byte for byte (ISO 8859-1); the others go through the Specific Character Set's decoder. */
const ASCII_VRS = new Set(['AE', 'AS', 'CS', 'DA', 'DS', 'DT', 'IS', 'TM', 'UI', 'UR']);

/** The VR dcmjs reads a dictionary or file VR as: the dictionary's 'ox' and 'xs' as OW and US. */
export function readableVr(vr: string): string {
  if (KNOWN_VRS.has(vr)) return vr;
  if (vr === 'ox') return 'OW';
  if (vr === 'xs') return 'US';
  return 'UN';
}

/**
 * The values of a non-sequence element. `whole` is true for a UN element read as its dictionary VR,
 * which dcmjs does not split on backslash (except for the VRs whose reading splits: CS, DS, IS, UI, PN).
 */
export function elementValues(
  source: ValueSource,
  vr: string,
  offset: number,
  length: number,
  decoder: TextDecoderLike,
  whole = false,
): ElementValue[] {
  const numeric = NUMBER_VRS[vr];
  if (numeric) return numberValues(source, numeric, offset, length);
  const end = offset + length;
  if (BYTES_VRS.has(vr)) return [source.bytes.subarray(offset, end)];
  const raw =
    ASCII_VRS.has(vr) || isPlainAscii(source.bytes, offset, end)
      ? source.buffer.toString('latin1', offset, end)
      : decoder.decode(source.bytes.subarray(offset, end));
  return textValues(vr, raw, whole);
}

function numberValues(source: ValueSource, vr: NumberVr, offset: number, length: number): ElementValue[] {
  if (length === 0) return vr.empty === undefined ? [] : [vr.empty];
  // dcmjs reads as many values as the length holds, rounding up.
  const count = length > vr.size ? Math.ceil(length / vr.size) : 1;
  const values: ElementValue[] = [];
  for (let i = 0; i < count; i++)
    values.push(vr.read(source.view, offset + i * vr.size, source.littleEndian));
  return values;
}

/**
 * Printable ASCII, which every character set dcmjs knows decodes as itself (ISO 2022's escapes and
 * shifts are control bytes): most values, read without a TextDecoder's per-call cost.
 */
function isPlainAscii(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const byte = bytes[i] as number;
    if (byte > 0x7e || (byte < 0x20 && byte !== 0)) return false;
  }
  return true;
}

/** Trailing whitespace only, as dcmjs's rtrim. */
function rtrim(text: string): string {
  return text.replace(/\s*$/, '');
}

function textValues(vr: string, raw: string, whole: boolean): ElementValue[] {
  switch (vr) {
    case 'CS':
      return dropPadByte(raw.split('\\'), 16).map((value) => value.trim());
    case 'DS':
      return dropPadByte(raw.split('\\'), 16).map(numberOrNull);
    case 'IS':
      return dropPadByte(raw.split('\\'), 12).map(numberOrNull);
    case 'UI':
      return uidValues(raw);
    case 'PN':
      return personNames(raw.endsWith(' ') ? raw.slice(0, -1) : raw);
    case 'LT':
    case 'ST':
    case 'UT':
      // Single-valued (PS3.5 6.2): a backslash is text there. dcmjs splits ST and UT on it.
      return [rtrim(raw)];
  }
  const formatted = formatText(vr, raw);
  if (whole) return [formatted];
  return dropPadByte(formatted.split('\\'), MAX_LENGTHS[vr]);
}

/** What dcmjs's applyFormatting does to the whole value of each string VR, before it splits it. */
function formatText(vr: string, raw: string): string {
  switch (vr) {
    case 'AE':
    case 'LO':
    case 'SH':
      return raw.trim();
    case 'TM':
    case 'UC':
      return rtrim(raw);
    default:
      return raw; // AS, DA, DT, UR as they are
  }
}

/** The length dcmjs knows for a VR, which makes it drop a pad byte from a multi-valued element. */
const MAX_LENGTHS: Record<string, number | undefined> = {
  AE: 16,
  AS: 4,
  DA: 8,
  DT: 26,
  LO: 64,
  SH: 16,
  TM: 16,
};

/** dcmjs drops a trailing space from the last of several values when it makes that value odd-length. */
function dropPadByte(values: string[], maxLength: number | undefined): string[] {
  if (!maxLength || values.length < 2) return values;
  const last = values[values.length - 1] as string;
  if (last.length % 2 !== 0 && last.endsWith(' ')) values[values.length - 1] = last.slice(0, -1);
  return values;
}

function numberOrNull(text: string): number | null {
  const kept = text.trim().replace(/[^0-9.\\\-+e]/gi, '');
  return kept === '' ? null : Number(kept);
}

function uidValues(raw: string): string[] {
  const unpadded = raw.endsWith('\0') ? raw.slice(0, -1) : raw;
  return unpadded.split('\\').map((uid) => uid.replace(/[^0-9.]/g, ''));
}

function personNames(text: string): PersonName[] {
  return text
    .split('\\')
    .filter(Boolean)
    .map((name) => {
      const [alphabetic, ideographic, phonetic] = name.split('=');
      return {
        ...(alphabetic ? { Alphabetic: alphabetic } : {}),
        ...(ideographic ? { Ideographic: ideographic } : {}),
        ...(phonetic ? { Phonetic: phonetic } : {}),
      };
    });
}
