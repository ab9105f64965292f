import type { DataSet, Element } from '../dicom/parse-dicom.js';
import type { DicomDatasetJson, DicomElementJson } from './dcmjs-dataset.js';
import { type DicomTextCodec, textCodecFor } from './dicom-text-codec.js';
import { NotFastReadable } from './not-fast-readable.js';

/** Strings of these VRs hold one value, backslashes included. */
const SINGLE_VALUED_TEXT = new Set(['LT', 'ST', 'UT', 'UR']);
const MULTI_VALUED_TEXT = new Set(['AE', 'AS', 'CS', 'DA', 'DS', 'DT', 'IS', 'LO', 'SH', 'TM', 'UC', 'UI']);
const BYTES = new Set(['OB', 'OD', 'OF', 'OL', 'OW']);
const NUMBERS: Record<string, { size: number; read: (view: DataView, at: number) => number }> = {
  US: { size: 2, read: (v, at) => v.getUint16(at, true) },
  SS: { size: 2, read: (v, at) => v.getInt16(at, true) },
  UL: { size: 4, read: (v, at) => v.getUint32(at, true) },
  SL: { size: 4, read: (v, at) => v.getInt32(at, true) },
  FL: { size: 4, read: (v, at) => v.getFloat32(at, true) },
  FD: { size: 8, read: (v, at) => v.getFloat64(at, true) },
  // A tag as group << 16 | element, the form dcmjs gives.
  AT: { size: 4, read: (v, at) => ((v.getUint16(at, true) << 16) | v.getUint16(at + 2, true)) >>> 0 },
};

// dicom-parser's 'x0008103e' as dcmjs's '0008103E'; files repeat the same tags, so the answers are kept.
const upperTags = new Map<string, string>();
function upperTag(key: string): string {
  let tag = upperTags.get(key);
  if (tag === undefined) {
    tag = key.slice(1).toUpperCase();
    if (upperTags.size < 1 << 16) upperTags.set(key, tag);
  }
  return tag;
}

function withoutPadding(text: string): string {
  let end = text.length;
  while (end > 0 && (text.charCodeAt(end - 1) === 0x20 || text.charCodeAt(end - 1) === 0)) end--;
  return text.slice(0, end);
}

function personName(text: string): Record<string, string> {
  if (!text.includes('=')) return { Alphabetic: text };
  const [alphabetic = '', ideographic, phonetic] = text.split('=');
  const name: Record<string, string> = { Alphabetic: alphabetic };
  if (ideographic !== undefined) name.Ideographic = ideographic;
  if (phonetic !== undefined) name.Phonetic = phonetic;
  return name;
}

/**
 * Reads a dataset that core's parser (dicom-parser) has indexed into the denaturalized form dcmjs gives
 * (strings split into values, PN as component groups, numbers for binary VRs, ArrayBuffers for OB/OW…),
 * except that DS and IS values stay the strings the file holds. It is the reader behind
 * readPart10Parts for Explicit VR Little Endian files: dcmjs 0.51 needs about 3 ms to read a CT slice's
 * header here and this about a tenth of that, which de-identifying thousands of files at gdcmanon's speed
 * needs. Anything it does not cover (UN, SV/UV/OV, implicit VRs, undefined-length values other than
 * sequences) throws NotFastReadable, and the caller reads the file with dcmjs instead.
 */
export class ExplicitVrDatasetReader {
  private readonly bytes: Uint8Array;

  constructor(
    dataSet: DataSet,
    readonly text: DicomTextCodec,
  ) {
    this.bytes = dataSet.byteArray;
  }

  /** The dataset's elements (leaving out the tag `skip`, dicom-parser's 'xggggeeee'), in the file's order. */
  dataset(dataSet: DataSet, skip?: string): DicomDatasetJson {
    const out: DicomDatasetJson = {};
    this.readInto(dataSet, skip, out, out);
    return out;
  }

  /** A top-level dataset's File Meta elements (group 0002) and the others, apart. */
  split(dataSet: DataSet, skip?: string): { meta: DicomDatasetJson; dict: DicomDatasetJson } {
    const meta: DicomDatasetJson = {};
    const dict: DicomDatasetJson = {};
    this.readInto(dataSet, skip, meta, dict);
    return { meta, dict };
  }

  private readInto(
    dataSet: DataSet,
    skip: string | undefined,
    meta: DicomDatasetJson,
    dict: DicomDatasetJson,
  ) {
    const elements = dataSet.elements;
    for (const key in elements) {
      // dicom-parser lists an undefined-length item's Item Delimitation Item (FFFE,E00D) as an element.
      if (key === skip || key.startsWith('xfffe')) continue;
      (key.startsWith('x0002') ? meta : dict)[upperTag(key)] = this.element(elements[key]!);
    }
  }

  private element(element: Element): DicomElementJson {
    const vr = element.vr;
    if (!vr) throw new NotFastReadable('implicit VR');
    if (vr === 'SQ') return { vr, Value: (element.items ?? []).map((item) => this.item(item)) };
    if (element.hadUndefinedLength) throw new NotFastReadable(`undefined length ${vr}`);
    const value = this.bytes.subarray(element.dataOffset, element.dataOffset + element.length);
    if (MULTI_VALUED_TEXT.has(vr) || vr === 'PN' || SINGLE_VALUED_TEXT.has(vr))
      return { vr, Value: this.strings(vr, value) };
    // A copy (new Uint8Array, not slice: a Node Buffer's slice is a view of the whole file's memory).
    if (BYTES.has(vr)) return { vr, Value: [new Uint8Array(value).buffer] };
    const number = NUMBERS[vr];
    if (!number || value.length % number.size !== 0) throw new NotFastReadable(`VR ${vr}`);
    const view = new DataView(value.buffer, value.byteOffset, value.length);
    const Value: number[] = [];
    for (let at = 0; at < value.length; at += number.size) Value.push(number.read(view, at));
    return { vr, Value };
  }

  private item(item: Element): DicomDatasetJson {
    if (!item.dataSet) throw new NotFastReadable('a sequence item without a dataset');
    // An item may name its own character set; the codec applies one to the whole file.
    if (item.dataSet.elements.x00080005) throw new NotFastReadable('Specific Character Set inside an item');
    return this.dataset(item.dataSet);
  }

  private strings(vr: string, value: Uint8Array): unknown[] {
    if (value.length === 0) return [];
    // Specific Character Set is ASCII by definition of its defined terms: read it before the codec applies.
    const text = withoutPadding(
      vr === 'UI' || vr === 'CS' ? this.text.ascii(value) : this.text.decode(value),
    );
    if (SINGLE_VALUED_TEXT.has(vr)) return [text];
    const values = text.includes('\\') ? text.split('\\') : [text];
    return vr === 'PN' ? values.map(personName) : values;
  }
}

/** The reader for a parsed file, or NotFastReadable when its character set is not one the codec keeps. */
export function explicitVrReader(dataSet: DataSet): ExplicitVrDatasetReader {
  return new ExplicitVrDatasetReader(dataSet, textCodecFor(dataSet.string('x00080005')));
}
