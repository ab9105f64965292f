import type { DataSet, Element } from '../dicom/parse-dicom.js';

/**
 * Edits of a parsed file's bytes, applied in one pass: each replaces a byte range with new bytes. Splicing
 * the bytes (instead of re-serialising the dataset with dcmjs) keeps every element this module does not
 * touch byte for byte as it was: private elements, odd VRs, padding and the order of everything.
 */
export class DatasetSplice {
  private readonly edits: { start: number; end: number; bytes: Uint8Array }[] = [];
  private metaDelta = 0;

  /**
   * `source`: bytes laid out as `dataSet.byteArray` (inflated for deflated files, with any preamble the
   * parser added), by default that array itself; a copy already edited in place keeps the same offsets.
   */
  constructor(
    private readonly dataSet: DataSet,
    private readonly explicitVR: boolean,
    private readonly source: Uint8Array = dataSet.byteArray,
  ) {}

  /** Replaces a whole top-level element (header and value) with `encoded`. */
  replaceElement(tag: string, encoded: Uint8Array): void {
    const element = this.element(tag);
    const start = headerStart(this.source, element, this.explicitVR || isMeta(tag));
    this.add(start, element.dataOffset + element.length, encoded, tag);
  }

  /** Removes a top-level element if present. */
  removeElement(tag: string): void {
    if (this.dataSet.elements[tag]) this.replaceElement(tag, new Uint8Array(0));
  }

  /** Sets a top-level element to `value` (VR `vr`), inserting it in tag order when absent. */
  setElement(tag: string, vr: string, value: Uint8Array): void {
    const encoded = encodeElement(tag, vr, value, this.explicitVR || isMeta(tag));
    if (this.dataSet.elements[tag]) {
      this.replaceElement(tag, encoded);
      return;
    }
    const next = Object.values(this.dataSet.elements)
      .filter((e) => e.tag > tag && !isMeta(e.tag) === !isMeta(tag))
      .sort((a, b) => (a.tag < b.tag ? -1 : 1))[0];
    const at = next
      ? headerStart(this.source, next, this.explicitVR || isMeta(next.tag))
      : this.source.length;
    this.add(at, at, encoded, tag);
  }

  /** Sets a string attribute (padded to even length with a space, or NUL for UI). */
  setString(tag: string, vr: string, value: string): void {
    this.setElement(tag, vr, paddedText(value, vr === 'UI' ? 0 : 0x20));
  }

  setUint16(tag: string, value: number): void {
    const bytes = new Uint8Array(2);
    new DataView(bytes.buffer).setUint16(0, value, true);
    this.setElement(tag, 'US', bytes);
  }

  /** The edited file: a new array, the parsed bytes untouched. */
  apply(): Uint8Array {
    const source = this.source;
    const edits = [...this.edits].sort((a, b) => a.start - b.start || a.end - b.end);
    const size = edits.reduce((n, e) => n + e.bytes.length - (e.end - e.start), source.length);
    const out = new Uint8Array(size);
    let from = 0;
    let to = 0;
    for (const edit of edits) {
      out.set(source.subarray(from, edit.start), to);
      to += edit.start - from;
      out.set(edit.bytes, to);
      to += edit.bytes.length;
      from = edit.end;
    }
    out.set(source.subarray(from), to);
    this.fixMetaGroupLength(out);
    return out;
  }

  private element(tag: string): Element {
    const element = this.dataSet.elements[tag];
    if (!element) throw new Error(`internal: element ${tag} is not in the dataset`);
    return element;
  }

  private add(start: number, end: number, bytes: Uint8Array, tag: string): void {
    if (this.edits.some((e) => start < e.end && e.start < end))
      throw new Error(`internal: overlapping edits at element ${tag}`);
    this.edits.push({ start, end, bytes });
    if (isMeta(tag)) this.metaDelta += bytes.length - (end - start);
  }

  /** File Meta Information Group Length (0002,0000) counts the meta elements' bytes after it. */
  private fixMetaGroupLength(out: Uint8Array): void {
    const groupLength = this.dataSet.elements.x00020000;
    if (!groupLength || this.metaDelta === 0) return;
    // Meta edits come after (0002,0000), so its own position has not moved.
    const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
    const old = view.getUint32(groupLength.dataOffset, true);
    view.setUint32(groupLength.dataOffset, old + this.metaDelta, true);
  }
}

const isMeta = (tag: string) => tag.startsWith('x0002');

// Explicit VRs whose header has two reserved bytes and a 4-byte length (PS3.5 7.1.2).
const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);

function tagBytes(tag: string): [number, number] {
  return [Number.parseInt(tag.slice(1, 5), 16), Number.parseInt(tag.slice(5, 9), 16)];
}

/** Where an element's header starts; checked against the tag found there (little endian datasets only). */
function headerStart(bytes: Uint8Array, element: Element, explicitVR: boolean): number {
  const size = explicitVR ? (LONG_VRS.has(element.vr ?? '') ? 12 : 8) : 8;
  const start = element.dataOffset - size;
  const [group, number] = tagBytes(element.tag);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (start < 0 || view.getUint16(start, true) !== group || view.getUint16(start + 2, true) !== number)
    throw new Error(`internal: the header of ${element.tag} is not where its value offset says`);
  return start;
}

/** One element in little endian, explicit or implicit VR; the value must have even length. */
export function encodeElement(tag: string, vr: string, value: Uint8Array, explicitVR: boolean): Uint8Array {
  const long = !explicitVR || LONG_VRS.has(vr);
  const headerSize = explicitVR ? (long ? 12 : 8) : 8;
  const out = new Uint8Array(headerSize + value.length);
  const view = new DataView(out.buffer);
  const [group, number] = tagBytes(tag);
  view.setUint16(0, group, true);
  view.setUint16(2, number, true);
  if (!explicitVR) view.setUint32(4, value.length, true);
  else {
    out[4] = vr.charCodeAt(0);
    out[5] = vr.charCodeAt(1);
    if (long) view.setUint32(8, value.length, true);
    else view.setUint16(6, value.length, true);
  }
  out.set(value, headerSize);
  return out;
}

function paddedText(value: string, pad: number): Uint8Array {
  const bytes = new TextEncoder().encode(value);
  if (bytes.length % 2 === 0) return bytes;
  const out = new Uint8Array(bytes.length + 1);
  out.set(bytes);
  out[bytes.length] = pad;
  return out;
}
