// Test support only (not exported): writes small Explicit VR Little Endian Part 10 files for cases the
// shared test data lacks (palettes, broken attributes), so that tests go through dicom-parser like real files.
import dicomParser, { type DataSet } from 'dicom-parser';

/** Encapsulated Pixel Data: an empty Basic Offset Table, then these fragments. */
export interface Fragments {
  readonly fragments: readonly Uint8Array[];
}

export type TestValue = string | readonly number[] | Uint8Array | Fragments;

/**
 * [tag as 0xGGGGEEEE, VR, value]: strings for text VRs, numbers for US/SS/UL, bytes for OB/OW, fragments
 * for encapsulated Pixel Data.
 */
export type TestElement = readonly [tag: number, vr: string, value: TestValue];

const LONG_VRS = new Set(['OB', 'OW', 'OD', 'OF', 'OL', 'OV', 'SQ', 'UC', 'UN', 'UR', 'UT']);

function item(tag: number, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + payload.length);
  const view = new DataView(out.buffer);
  view.setUint16(0, 0xfffe, true);
  view.setUint16(2, tag, true);
  view.setUint32(4, payload.length, true);
  out.set(payload, 8);
  return out;
}

function encapsulate(fragments: readonly Uint8Array[]): Uint8Array {
  const even = fragments.map((f) => (f.length % 2 ? Uint8Array.from([...f, 0]) : f));
  const items = [
    item(0xe000, new Uint8Array(0)),
    ...even.map((f) => item(0xe000, f)),
    item(0xe0dd, new Uint8Array(0)),
  ];
  return Uint8Array.from(items.flatMap((i) => [...i]));
}

function valueBytes(vr: string, value: TestValue): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'object' && 'fragments' in value) return encapsulate(value.fragments);
  if (typeof value === 'string') {
    const padded = value.length % 2 ? value + (vr === 'UI' ? '\0' : ' ') : value;
    return new TextEncoder().encode(padded);
  }
  const size = vr === 'UL' || vr === 'SL' ? 4 : 2;
  const out = new Uint8Array(value.length * size);
  const view = new DataView(out.buffer);
  value.forEach((v, i) => {
    if (vr === 'SS') view.setInt16(i * 2, v, true);
    else if (size === 2) view.setUint16(i * 2, v, true);
    else if (vr === 'SL') view.setInt32(i * 4, v, true);
    else view.setUint32(i * 4, v, true);
  });
  return out;
}

function encodeElement(tag: number, vr: string, value: TestValue): Uint8Array {
  let bytes = valueBytes(vr, value);
  if (bytes.length % 2) bytes = Uint8Array.from([...bytes, 0]);
  const long = LONG_VRS.has(vr);
  const header = new Uint8Array(long ? 12 : 8);
  const view = new DataView(header.buffer);
  view.setUint16(0, tag >>> 16, true);
  view.setUint16(2, tag & 0xffff, true);
  header[4] = vr.charCodeAt(0);
  header[5] = vr.charCodeAt(1);
  const undefinedLength = typeof value === 'object' && 'fragments' in value;
  if (long) view.setUint32(8, undefinedLength ? 0xffffffff : bytes.length, true);
  else view.setUint16(6, bytes.length, true);
  return Uint8Array.from([...header, ...bytes]);
}

/** A Part 10 file (preamble, DICM, File Meta with the transfer syntax) holding `elements`. */
export function buildPart10(
  elements: readonly TestElement[],
  transferSyntax = '1.2.840.10008.1.2.1',
): Uint8Array {
  const all: TestElement[] = [[0x00020010, 'UI', transferSyntax], ...elements];
  all.sort((a, b) => a[0] - b[0]);
  const parts = all.map(([tag, vr, value]) => encodeElement(tag, vr, value));
  const out = new Uint8Array(132 + parts.reduce((n, p) => n + p.length, 0));
  out.set([0x44, 0x49, 0x43, 0x4d], 128);
  let at = 132;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** buildPart10, parsed by dicom-parser. */
export function buildDataSet(elements: readonly TestElement[], transferSyntax?: string): DataSet {
  return dicomParser.parseDicom(buildPart10(elements, transferSyntax));
}

/** The Image Pixel Module attributes of a 1-sample image, to be overridden per test. */
export function monochromeElements(rows: number, columns: number, bits = 8): TestElement[] {
  return [
    [0x00280002, 'US', [1]],
    [0x00280004, 'CS', 'MONOCHROME2'],
    [0x00280010, 'US', [rows]],
    [0x00280011, 'US', [columns]],
    [0x00280100, 'US', [bits]],
    [0x00280101, 'US', [bits]],
    [0x00280102, 'US', [bits - 1]],
    [0x00280103, 'US', [0]],
  ];
}

/** Replaces (or adds) elements by tag. */
export function withElements(base: readonly TestElement[], changes: readonly TestElement[]): TestElement[] {
  const tags = new Set(changes.map((c) => c[0]));
  return [...base.filter((e) => !tags.has(e[0])), ...changes];
}
