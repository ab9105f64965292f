/**
 * Builds small DICOM files byte by byte (explicit VR little endian), for hand-made hostile inputs whose
 * every length is chosen by the test, not by a writer that would refuse to lie.
 */

export const UNDEFINED_LENGTH = 0xffffffff;

const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);

export function concat(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function u16(value: number): number[] {
  return [value & 0xff, (value >> 8) & 0xff];
}

function u32(value: number): number[] {
  return [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, value >>> 24];
}

function tag(value: number): number[] {
  return [...u16(value >>> 16), ...u16(value & 0xffff)];
}

/** Text padded to an even length (NUL for UIDs, space otherwise). */
export function text(value: string, vr = 'LO'): Uint8Array {
  const bytes = [...value].map((c) => c.charCodeAt(0) & 0xff);
  if (bytes.length % 2 === 1) bytes.push(vr === 'UI' ? 0 : 0x20);
  return new Uint8Array(bytes);
}

/**
 * One explicit VR little endian element. `length` overrides the length field (to lie about it);
 * 2-byte length VRs keep its low 16 bits.
 */
export function element(tagValue: number, vr: string, value: Uint8Array, length = value.length): Uint8Array {
  const header = LONG_VRS.has(vr)
    ? [...tag(tagValue), vr.charCodeAt(0), vr.charCodeAt(1), 0, 0, ...u32(length)]
    : [...tag(tagValue), vr.charCodeAt(0), vr.charCodeAt(1), ...u16(length)];
  return concat(new Uint8Array(header), value);
}

export function us(tagValue: number, ...values: number[]): Uint8Array {
  return element(tagValue, 'US', new Uint8Array(values.flatMap(u16)));
}

export function str(tagValue: number, vr: string, value: string): Uint8Array {
  return element(tagValue, vr, text(value, vr));
}

/** An item (FFFE,E000), of defined length unless `undefinedLength`, then closed by an item delimiter. */
export function item(
  content: Uint8Array,
  options: { undefinedLength?: boolean; delimited?: boolean } = {},
): Uint8Array {
  if (!options.undefinedLength)
    return concat(new Uint8Array([...tag(0xfffee000), ...u32(content.length)]), content);
  const end = options.delimited === false ? [] : [...tag(0xfffee00d), ...u32(0)];
  return concat(new Uint8Array([...tag(0xfffee000), ...u32(UNDEFINED_LENGTH)]), content, new Uint8Array(end));
}

/** A sequence of undefined length, closed by a sequence delimiter unless `delimited` is false. */
export function sequence(tagValue: number, items: readonly Uint8Array[], delimited = true): Uint8Array {
  return undefinedLength(tagValue, 'SQ', concat(...items), delimited);
}

/** Encapsulated Pixel Data: an empty basic offset table, one item per fragment, a sequence delimiter. */
export function encapsulatedPixelData(fragments: readonly Uint8Array[]): Uint8Array {
  return undefinedLength(0x7fe00010, 'OB', concat(item(new Uint8Array(0)), ...fragments.map((f) => item(f))));
}

function undefinedLength(tagValue: number, vr: string, content: Uint8Array, delimited = true): Uint8Array {
  const end = delimited ? [...tag(0xfffee0dd), ...u32(0)] : [];
  return concat(element(tagValue, vr, content, UNDEFINED_LENGTH), new Uint8Array(end));
}

/** A Part 10 file: preamble, DICM, a File Meta group naming `transferSyntax`, then the dataset. */
export function part10(transferSyntax: string, ...dataset: readonly Uint8Array[]): Uint8Array {
  const metaBody = concat(
    element(0x00020001, 'OB', new Uint8Array([0, 1])),
    str(0x00020002, 'UI', '1.2.840.10008.5.1.4.1.1.7'),
    str(0x00020003, 'UI', '1.2.3.4'),
    str(0x00020010, 'UI', transferSyntax),
  );
  const groupLength = element(0x00020000, 'UL', new Uint8Array(u32(metaBody.length)));
  const preamble = new Uint8Array(132);
  preamble.set([0x44, 0x49, 0x43, 0x4d], 128);
  return concat(preamble, groupLength, metaBody, ...dataset);
}

/** The Image Pixel Module of a monochrome image. */
export function imagePixelModule(
  rows: number,
  columns: number,
  bitsAllocated = 8,
  frames?: string,
): Uint8Array {
  return concat(
    us(0x00280002, 1),
    str(0x00280004, 'CS', 'MONOCHROME2'),
    ...(frames !== undefined ? [str(0x00280008, 'IS', frames)] : []),
    us(0x00280010, rows),
    us(0x00280011, columns),
    us(0x00280100, bitsAllocated),
    us(0x00280101, bitsAllocated),
    us(0x00280102, bitsAllocated - 1),
    us(0x00280103, 0),
  );
}
