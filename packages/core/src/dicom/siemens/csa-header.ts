import type { DataSet } from 'dicom-parser';
import { ImageReadError } from '../../errors/image-read-error.js';

/**
 * A parsed Siemens CSA header: element name → its non-empty values in stored order, each cut at its
 * first NUL and trimmed (e.g. 'SliceNormalVector' → ['0.00000000', '0.10799944', '0.99415095']).
 * Elements with no non-empty value are left out; when a name repeats, the last one wins (as in nibabel).
 */
export type CsaHeader = Map<string, string[]>;

/** Which of the two CSA elements of the "SIEMENS CSA HEADER" private block to read. */
export type CsaKind = 'image' | 'series';

const CREATOR = 'SIEMENS CSA HEADER';
const ELEMENT_OFFSET: Record<CsaKind, number> = { image: 0x10, series: 0x20 };
const UNDEFINED_LENGTH = 0xffffffff;

// name (64) + vm, vr (4 chars), syngodt, item count, check (int32 each)
const TAG_HEADER_BYTES = 84;
const ITEM_HEADER_BYTES = 16;
// Both formats carry 77 ('M') after the tag count; anything else is not a CSA header of either kind.
const CHECK_VALUE = 77;

const latin1 = new TextDecoder('latin1');

function malformed(detail: string): ImageReadError {
  return new ImageReadError('MALFORMED', `Siemens CSA header: ${detail}`);
}

function hasSv10Signature(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 && bytes[0] === 0x53 && bytes[1] === 0x56 && bytes[2] === 0x31 && bytes[3] === 0x30
  );
}

/** Text of bytes[start, start + length) up to the first NUL, trimmed. */
function cString(bytes: Uint8Array, start: number, length: number): string {
  const end = start + length;
  let stop = start;
  while (stop < end && bytes[stop] !== 0) stop++;
  return latin1.decode(bytes.subarray(start, stop)).trim();
}

/** Reads the items of one element starting at `pos`; returns their non-empty values and the next position. */
function readItems(bytes: Uint8Array, view: DataView, pos: number, count: number, name: string) {
  // Each item needs at least its 16-byte header: a count that cannot fit is hostile, not just long.
  if (count < 0 || count > (bytes.length - pos) / ITEM_HEADER_BYTES) {
    throw malformed(
      `element '${name}' declares ${count} items, more than the ${bytes.length - pos} bytes left hold`,
    );
  }
  const values: string[] = [];
  let at = pos;
  for (let i = 0; i < count; i++) {
    if (at + ITEM_HEADER_BYTES > bytes.length) throw malformed(`item ${i} of '${name}' runs past the end`);
    // The item header is four int32; the second is the value length (SV10, and the old format as GDCM reads it).
    const length = view.getInt32(at + 4, true);
    at += ITEM_HEADER_BYTES;
    if (length < 0 || length > bytes.length - at) {
      throw malformed(`item ${i} of '${name}' declares ${length} bytes, ${bytes.length - at} are left`);
    }
    const value = cString(bytes, at, length);
    if (value !== '') values.push(value);
    // Values are padded to a multiple of four bytes.
    at += length + ((4 - (length % 4)) % 4);
  }
  return { values, next: at };
}

/**
 * Parses a CSA header, either the SV10 format ('SV10', 4 bytes, tag count, 77) or the older one without
 * the signature (tag count, 77). Every length is checked against the bytes: a header whose counts or
 * lengths do not fit throws ImageReadError MALFORMED, so work and memory stay proportional to its size.
 */
export function parseCsaHeader(bytes: Uint8Array): CsaHeader {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = hasSv10Signature(bytes) ? 8 : 0;
  if (pos + 8 > bytes.length) throw malformed(`${bytes.length} bytes is too short for a header`);
  const tagCount = view.getUint32(pos, true);
  if (view.getUint32(pos + 4, true) !== CHECK_VALUE) throw malformed('not a CSA header (no check value 77)');
  pos += 8;
  if (tagCount < 1 || tagCount > (bytes.length - pos) / TAG_HEADER_BYTES) {
    throw malformed(`declares ${tagCount} elements, the ${bytes.length} bytes cannot hold that many`);
  }
  const header: CsaHeader = new Map();
  for (let t = 0; t < tagCount; t++) {
    if (pos + TAG_HEADER_BYTES > bytes.length) throw malformed(`element ${t} runs past the end`);
    const name = cString(bytes, pos, 64);
    const itemCount = view.getInt32(pos + 76, true);
    const { values, next } = readItems(bytes, view, pos + TAG_HEADER_BYTES, itemCount, name);
    if (values.length > 0) header.set(name, values);
    pos = next;
  }
  return header;
}

/**
 * The private block (the xx in (0029,xx10)) reserved by the "SIEMENS CSA HEADER" creator, or undefined.
 * Usually 0x10, but anonymisers and other vendors' elements can move it.
 */
export function findCsaBlock(dataSet: DataSet): number | undefined {
  for (let block = 0x10; block <= 0xff; block++) {
    const tag = `x002900${block.toString(16).padStart(2, '0')}`;
    if (!dataSet.elements[tag]) continue;
    if (dataSet.string(tag)?.replace(/\0/g, '').trim() === CREATOR) return block;
  }
  return undefined;
}

/** The raw bytes of (0029,xx10) or (0029,xx20), checked to lie inside the dataset's bytes. */
export function csaHeaderBytes(dataSet: DataSet, kind: CsaKind): Uint8Array | undefined {
  const block = findCsaBlock(dataSet);
  if (block === undefined) return undefined;
  const tag = `x0029${block.toString(16).padStart(2, '0')}${ELEMENT_OFFSET[kind].toString(16)}`;
  const element = dataSet.elements[tag];
  if (!element || element.length === 0) return undefined;
  const end = element.dataOffset + element.length;
  if (element.length === UNDEFINED_LENGTH || element.items || end > dataSet.byteArray.length) {
    throw malformed(`element (0029,${tag.slice(5)}) does not hold a readable value`);
  }
  return dataSet.byteArray.subarray(element.dataOffset, end);
}

/**
 * The CSA Image Header Info (kind 'image', (0029,xx10)) or CSA Series Header Info (kind 'series',
 * (0029,xx20)) of a dataset, parsed; undefined when the dataset has none.
 */
export function readCsaHeader(dataSet: DataSet, kind: CsaKind): CsaHeader | undefined {
  const bytes = csaHeaderBytes(dataSet, kind);
  return bytes ? parseCsaHeader(bytes) : undefined;
}

/**
 * The values of a CSA element as numbers; undefined when the element is absent. A value that is not a
 * number throws ImageReadError INVALID_ATTRIBUTE.
 */
export function csaNumbers(header: CsaHeader, name: string): number[] | undefined {
  const values = header.get(name);
  if (!values) return undefined;
  return values.map((value) => {
    const n = Number(value);
    if (!Number.isFinite(n)) {
      throw new ImageReadError(
        'INVALID_ATTRIBUTE',
        `Siemens CSA element ${name} has a value that is not a number: '${value}'`,
      );
    }
    return n;
  });
}
