import type { DicomDatasetJson, DicomElementJson, Part10Dataset } from './dcmjs-dataset.js';
import type { DicomTextCodec } from './dicom-text-codec.js';
import { STRING_VRS } from './string-vrs.js';

/** VRs whose explicit header has 2 reserved bytes and a 32-bit length (PS3.5 7.1.2). */
const LONG_HEADER = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);
const NUMBER_SIZE: Record<string, number> = { US: 2, SS: 2, UL: 4, SL: 4, FL: 4, FD: 8, AT: 4 };
const ITEM = 0xe000;
/** Text VRs, padded with a space; UI and binary values are padded with NUL. */
const TEXT_VRS = STRING_VRS;

/** A growing byte buffer with little-endian writes and lengths patched in afterwards. */
class ByteSink {
  private bytes = new Uint8Array(4096);
  private view = new DataView(this.bytes.buffer);
  length = 0;

  private reserve(count: number): void {
    if (this.length + count <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + count));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
    this.view = new DataView(grown.buffer);
  }

  byte(value: number): void {
    this.reserve(1);
    this.bytes[this.length++] = value;
  }

  /** Characters as single bytes (the caller's character set is single-byte; '?' for any other). */
  latin1(text: string): void {
    this.reserve(text.length);
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      this.bytes[this.length++] = code < 0x100 ? code : 0x3f;
    }
  }

  uint16(value: number): void {
    this.reserve(2);
    this.view.setUint16(this.length, value, true);
    this.length += 2;
  }

  uint32(value: number): void {
    this.reserve(4);
    this.view.setUint32(this.length, value, true);
    this.length += 4;
  }

  setUint32(at: number, value: number): void {
    this.view.setUint32(at, value, true);
  }

  setUint16(at: number, value: number): void {
    this.view.setUint16(at, value, true);
  }

  append(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.bytes.set(bytes, this.length);
    this.length += bytes.length;
  }

  number(vr: string, value: number): void {
    this.reserve(8);
    const at = this.length;
    if (vr === 'US') this.view.setUint16(at, value, true);
    else if (vr === 'SS') this.view.setInt16(at, value, true);
    else if (vr === 'UL') this.view.setUint32(at, value, true);
    else if (vr === 'SL') this.view.setInt32(at, value, true);
    else if (vr === 'FL') this.view.setFloat32(at, value, true);
    else if (vr === 'FD') this.view.setFloat64(at, value, true);
    else {
      this.view.setUint16(at, value >>> 16, true); // AT: group, then element
      this.view.setUint16(at + 2, value & 0xffff, true);
    }
    this.length += NUMBER_SIZE[vr]!;
  }

  result(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

function isBytes(value: unknown): value is ArrayBuffer | ArrayBufferView {
  return value instanceof ArrayBuffer || ArrayBuffer.isView(value);
}

function asBytes(value: ArrayBuffer | ArrayBufferView): Uint8Array {
  return value instanceof ArrayBuffer
    ? new Uint8Array(value)
    : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (value && typeof value === 'object') {
    const pn = value as Record<string, unknown>;
    const groups = [pn.Alphabetic, pn.Ideographic, pn.Phonetic].map((g) => (typeof g === 'string' ? g : ''));
    while (groups.length > 1 && groups.at(-1) === '') groups.pop();
    return groups.join('=');
  }
  return '';
}

/**
 * Writes denaturalized datasets (the form dcmjs and ExplicitVrDatasetReader give) as Part 10 bytes in
 * Explicit VR Little Endian: sequences and items of defined length, text in the file's own character set
 * (see DicomTextCodec), padded to even length with a space (NUL for UI and binary values). Written by
 * hand because dcmjs 0.51's writer takes about 9 ms for a CT slice's 3 KB header on these machines, which
 * alone would make de-identification several times slower than gdcmanon.
 */
export class ExplicitVrDatasetWriter {
  constructor(private readonly text: DicomTextCodec) {}

  /** Preamble, DICM, File Meta Information (with its group length) and the dataset. */
  part10(dataset: Part10Dataset): Uint8Array {
    const sink = new ByteSink();
    sink.append(new Uint8Array(128));
    sink.append(new Uint8Array([0x44, 0x49, 0x43, 0x4d]));
    sink.uint32(0x00000002); // (0002,0000) File Meta Information Group Length, UL
    sink.append(new Uint8Array([0x55, 0x4c, 4, 0]));
    const lengthAt = sink.length;
    sink.uint32(0);
    const { '00020000': _groupLength, ...meta } = dataset.meta;
    this.dataset(sink, meta);
    sink.setUint32(lengthAt, sink.length - lengthAt - 4);
    this.dataset(sink, dataset.dict);
    return sink.result();
  }

  private dataset(sink: ByteSink, dataset: DicomDatasetJson): void {
    for (const tag of Object.keys(dataset).sort()) this.element(sink, tag, dataset[tag]!);
  }

  private element(sink: ByteSink, tag: string, element: DicomElementJson): void {
    const vr = element.vr;
    const code = Number.parseInt(tag, 16);
    sink.uint16(code >>> 16);
    sink.uint16(code & 0xffff);
    sink.byte(vr.charCodeAt(0));
    sink.byte(vr.charCodeAt(1));
    const long = LONG_HEADER.has(vr);
    if (long) sink.uint16(0);
    const lengthAt = sink.length;
    if (long) sink.uint32(0);
    else sink.uint16(0);
    const start = sink.length;
    this.value(sink, vr, element.Value ?? []);
    const length = sink.length - start;
    if (long) sink.setUint32(lengthAt, length);
    else if (length > 0xffff) throw new RangeError(`(${tag}) ${vr} value of ${length} bytes exceeds 65534`);
    else sink.setUint16(lengthAt, length);
  }

  private value(sink: ByteSink, vr: string, values: unknown[]): void {
    if (vr === 'SQ') {
      for (const item of values as DicomDatasetJson[]) this.item(sink, item);
      return;
    }
    const start = sink.length;
    if (values.some(isBytes)) {
      for (const v of values) if (isBytes(v)) sink.append(asBytes(v));
    } else if (vr in NUMBER_SIZE) {
      for (const v of values) sink.number(vr, Number(v));
    } else if (values.length > 0) {
      const text = values.length === 1 ? textOf(values[0]) : values.map(textOf).join('\\');
      if (this.text.utf8) sink.append(this.text.encode(text));
      else sink.latin1(text);
    }
    if ((sink.length - start) % 2 === 1) sink.byte(TEXT_VRS.has(vr) ? 0x20 : 0);
  }

  private item(sink: ByteSink, item: DicomDatasetJson): void {
    sink.uint16(0xfffe);
    sink.uint16(ITEM);
    const lengthAt = sink.length;
    sink.uint32(0);
    this.dataset(sink, item);
    sink.setUint32(lengthAt, sink.length - lengthAt - 4);
  }
}
