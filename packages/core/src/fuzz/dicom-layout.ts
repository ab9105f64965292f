import type fc from 'fast-check';
import { deflateSync } from 'fflate';
import type { DataSet, Element } from '../dicom/parse-dicom.js';
import { parseDicom } from '../dicom/parse-dicom.js';
import { DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_BIG_ENDIAN } from '../dicom/transfer-syntax.js';
import {
  type Edit,
  type Field,
  type FuzzSubject,
  fieldEdits,
  lengthEdits,
  type NestingSite,
  nestingEdits,
  type PixelDataSite,
  shrinkPixelDataEdits,
  type ValueSite,
  valueEdits,
} from './byte-mutations.js';
import { hostileText } from './hostile-text.js';

/** Where the length fields, sequences and pixel data of a valid DICOM file lie, for structure-aware mutation. */
export interface DicomLayout {
  readonly lengthFields: readonly Field[];
  /** Binary numbers: US, SS, UL, SL values anywhere in the dataset, and compressed frames' image sizes. */
  readonly numbers: readonly Field[];
  /** Top-level text values (IS, DS, CS, UI...) that can be replaced by longer or shorter ones. */
  readonly values: readonly ValueSite[];
  readonly nesting: NestingSite;
  readonly pixelData?: PixelDataSite;
}

const UNDEFINED = 0xffffffff;
// A sequence tag for files that have none (Request Attributes Sequence).
const FALLBACK_SEQUENCE_TAG = 'x00400275';

interface Context {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  /** Offset of the dataset's byte array within `bytes` (−132 when the parser added a preamble). */
  readonly shift: number;
  readonly bigEndian: boolean;
  readonly fields: Field[];
  readonly numbers: Field[];
  readonly values: ValueSite[];
}

// The attributes the readers compute with, and their VRs (implicit VR files do not say).
const KNOWN_VR: Readonly<Record<string, string>> = {
  x00020010: 'UI',
  x00080008: 'CS',
  x00080016: 'UI',
  x00080060: 'CS',
  x00180050: 'DS',
  x00180088: 'DS',
  x00200011: 'IS',
  x00200013: 'IS',
  x00200032: 'DS',
  x00200037: 'DS',
  x00280002: 'US',
  x00280004: 'CS',
  x00280006: 'US',
  x00280008: 'IS',
  x00280010: 'US',
  x00280011: 'US',
  x00280030: 'DS',
  x00280100: 'US',
  x00280101: 'US',
  x00280102: 'US',
  x00280103: 'US',
  x00281050: 'DS',
  x00281051: 'DS',
  x00281052: 'DS',
  x00281053: 'DS',
  x00281101: 'US',
  x00281102: 'US',
  x00281103: 'US',
  x00180040: 'IS',
  x00181063: 'DS',
  x00181065: 'DS',
  x00181164: 'DS',
  x00181120: 'DS',
  x3004000c: 'DS',
  x00200012: 'IS',
  x00189087: 'FD',
};
const BINARY_SIZE: Readonly<Record<string, 2 | 4>> = { US: 2, SS: 2, UL: 4, SL: 4 };

function label(tag: string): string {
  return `(${tag.slice(1, 5)},${tag.slice(5)})`.toUpperCase();
}

/** The element's length field, found by reading where it must be and checking it says the length. */
function lengthField(ctx: Context, element: Element, what: string): Field | undefined {
  const at = element.dataOffset + ctx.shift;
  const le = !ctx.bigEndian || element.tag.startsWith('x0002');
  const expected = element.hadUndefinedLength ? UNDEFINED : element.length;
  if (at >= 4 && at <= ctx.bytes.length && ctx.view.getUint32(at - 4, le) === expected) {
    return { label: `length of ${what}`, offset: at - 4, size: 4, littleEndian: le, value: expected };
  }
  if (at >= 2 && at <= ctx.bytes.length && ctx.view.getUint16(at - 2, le) === expected) {
    return { label: `length of ${what}`, offset: at - 2, size: 2, littleEndian: le, value: expected };
  }
  return undefined;
}

function collect(ctx: Context, dataSet: DataSet, path: string): void {
  for (const element of Object.values(dataSet.elements)) {
    const name = `${path}${label(element.tag)}`;
    const field = lengthField(ctx, element, name);
    if (field) ctx.fields.push(field);
    if (field) collectValue(ctx, element, field, name, path === '');
    element.items?.forEach((item, i) => {
      const itemField = lengthField(ctx, item, `${name} item ${i + 1}`);
      if (itemField) ctx.fields.push(itemField);
      if (item.dataSet) collect(ctx, item.dataSet, `${name}[${i}]`);
    });
    element.fragments?.forEach((fragment, i) => {
      const at = fragment.position + ctx.shift - 4;
      const le = !ctx.bigEndian;
      if (at >= 0 && ctx.view.getUint32(at, le) === fragment.length) {
        ctx.fields.push({
          label: `length of ${name} fragment ${i + 1}`,
          offset: at,
          size: 4,
          littleEndian: le,
          value: fragment.length,
        });
      }
    });
  }
}

/** The element's value as binary numbers to overwrite, or (at top level) as text to replace. */
function collectValue(ctx: Context, element: Element, field: Field, name: string, topLevel: boolean): void {
  const vr = element.vr ?? KNOWN_VR[element.tag];
  if (!vr || element.hadUndefinedLength || element.tag === 'x7fe00010') return;
  const at = element.dataOffset + ctx.shift;
  const size = BINARY_SIZE[vr];
  if (size) {
    const le = field.littleEndian;
    for (let i = 0; i < Math.min(4, Math.floor(element.length / size)); i++) {
      const offset = at + i * size;
      const value = size === 2 ? ctx.view.getUint16(offset, le) : ctx.view.getUint32(offset, le);
      ctx.numbers.push({ label: `${name}[${i}]`, offset, size, littleEndian: le, value });
    }
  } else if (topLevel && KNOWN_VR[element.tag] && vr !== 'FD') {
    // Only the text the readers compute with: replacing a name or a date tests nothing.
    ctx.values.push({
      label: `${name} ${vr}`,
      lengthField: field,
      valueOffset: at,
      pad: vr === 'UI' ? 0 : 0x20,
    });
  }
}

function tagBytes(tag: string, bigEndian: boolean): number[] {
  const group = Number.parseInt(tag.slice(1, 5), 16);
  const element = Number.parseInt(tag.slice(5), 16);
  return bigEndian
    ? [group >> 8, group & 0xff, element >> 8, element & 0xff]
    : [group & 0xff, group >> 8, element & 0xff, element >> 8];
}

const U32_UNDEFINED = [0xff, 0xff, 0xff, 0xff];

function nestingSite(
  ctx: Context,
  dataSet: DataSet,
  fields: readonly Field[],
  explicit: boolean,
): NestingSite {
  const top = Object.values(dataSet.elements).filter((e) => !e.tag.startsWith('x0002'));
  const sequence = top.find((e) => e.items?.[0]?.dataSet);
  const item = sequence?.items?.[0];
  let content: number[] = [];
  if (item) {
    const start = item.dataOffset + ctx.shift;
    // An undefined-length item's length covers its own delimiter; the nest adds delimiters itself.
    const length = item.hadUndefinedLength ? Math.max(0, item.length - 8) : item.length;
    content = [...ctx.bytes.subarray(start, start + length)];
  }
  const tag = sequence?.tag ?? FALLBACK_SEQUENCE_TAG;
  const be = ctx.bigEndian;
  // Element starts: the length field's offset minus the tag (and the VR for explicit encodings).
  const byField = new Map(fields.map((f) => [f.offset, f]));
  const boundaries = top
    .map((e) => {
      const at = e.dataOffset + ctx.shift;
      const field = byField.get(at - 4) ?? byField.get(at - 2);
      if (!field) return undefined;
      return field.size === 2 || !explicit ? field.offset - (field.size === 2 ? 6 : 4) : field.offset - 8;
    })
    .filter((at): at is number => at !== undefined && at >= 0)
    .sort((a, b) => a - b);
  return {
    boundaries: boundaries.length > 0 ? boundaries : [ctx.bytes.length],
    sequenceHeader: [...tagBytes(tag, be), ...(explicit ? [0x53, 0x51, 0, 0] : []), ...U32_UNDEFINED],
    itemHeader: [...tagBytes('xfffee000', be), ...U32_UNDEFINED],
    itemEnd: [...tagBytes('xfffee00d', be), 0, 0, 0, 0],
    sequenceEnd: [...tagBytes('xfffee0dd', be), 0, 0, 0, 0],
    itemContent: content,
  };
}

// Markers whose segment gives the image size: JPEG SOF0-3 and JPEG-LS SOF55 (height, width as 16-bit
// big endian at +5, +7), JPEG 2000 SIZ (Xsiz, Ysiz as 32-bit big endian at +6, +10).
const JPEG_SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xf7]);
const J2K_SIZ = 0x51;
// The size is near the start of a codestream; searching further would find marker-like bytes in the data.
const MARKER_SEARCH = 1024;

/** The image size a compressed frame declares: codecs allocate by it, so it is worth lying about. */
function codestreamFields(ctx: Context, dataSet: DataSet): Field[] {
  const fields: Field[] = [];
  const fragments = dataSet.elements.x7fe00010?.fragments ?? [];
  fragments.forEach((fragment, index) => {
    const start = fragment.position + ctx.shift;
    const end = Math.min(start + fragment.length, start + MARKER_SEARCH, ctx.bytes.length) - 12;
    for (let at = start; at < end; at++) {
      if (ctx.bytes[at] !== 0xff) continue;
      const marker = ctx.bytes[at + 1]!;
      const field = (label: string, offset: number, size: 2 | 4): Field => {
        const value = size === 2 ? ctx.view.getUint16(offset) : ctx.view.getUint32(offset);
        return { label: `fragment ${index + 1} ${label}`, offset, size, littleEndian: false, value };
      };
      if (JPEG_SOF.has(marker)) {
        fields.push(field('JPEG height', at + 5, 2), field('JPEG width', at + 7, 2));
        return;
      }
      if (marker === J2K_SIZ) {
        fields.push(field('JPEG 2000 Xsiz', at + 6, 4), field('JPEG 2000 Ysiz', at + 10, 4));
        return;
      }
    }
  });
  return fields;
}

function pixelDataSite(ctx: Context, dataSet: DataSet, fields: readonly Field[]): PixelDataSite | undefined {
  const element = dataSet.elements.x7fe00010;
  if (!element) return undefined;
  const fragment = element.fragments?.at(-1);
  const valueOffset = (fragment ? fragment.position : element.dataOffset) + ctx.shift;
  const lengthField = fields.find((f) => f.offset === valueOffset - 4);
  return lengthField ? { lengthField, valueOffset } : undefined;
}

/** The end of the File Meta group: the deflated transfer syntax compresses what follows it. */
function metaEnd(dataSet: DataSet): number {
  return Object.values(dataSet.elements)
    .filter((e) => e.tag.startsWith('x0002'))
    .reduce((end, e) => Math.max(end, e.dataOffset + e.length), 0);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/**
 * A valid DICOM file as a fuzz subject, with the structure-aware mutations its layout allows. A deflated
 * file is mutated in its inflated form and deflated again (with `deflateRaw`; Node's zlib is faster than
 * the default fflate), so that the edits reach the dataset parser.
 */
export function dicomSubject(
  name: string,
  stored: Uint8Array,
  deflateRaw: (bytes: Uint8Array) => Uint8Array = (bytes) => deflateSync(bytes, { level: 1 }),
): { subject: FuzzSubject; layout: DicomLayout; structured: fc.Arbitrary<Edit[]>[] } {
  const parsed = parseDicom(stored, { file: name });
  const deflated = parsed.transferSyntaxUID === DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN;
  const plain = deflated ? parsed.dataSet.byteArray : stored;
  const shift = deflated ? 0 : stored.length - parsed.dataSet.byteArray.length;
  const ctx: Context = {
    bytes: plain,
    view: new DataView(plain.buffer, plain.byteOffset, plain.byteLength),
    shift,
    bigEndian: parsed.transferSyntaxUID === EXPLICIT_VR_BIG_ENDIAN,
    fields: [],
    numbers: [],
    values: [],
  };
  collect(ctx, parsed.dataSet, '');
  const fields = ctx.fields.sort((a, b) => a.offset - b.offset);
  const explicit = Object.values(parsed.dataSet.elements).some((e) => !e.tag.startsWith('x0002') && e.vr);
  const pixelData = pixelDataSite(ctx, parsed.dataSet, fields);
  const layout: DicomLayout = {
    lengthFields: fields,
    numbers: [...ctx.numbers, ...codestreamFields(ctx, parsed.dataSet)],
    values: ctx.values,
    nesting: nestingSite(ctx, parsed.dataSet, fields, explicit),
    ...(pixelData ? { pixelData } : {}),
  };
  const split = metaEnd(parsed.dataSet);
  const subject: FuzzSubject = deflated
    ? {
        name,
        stored,
        plain,
        encode: (bytes) => concat(bytes.subarray(0, split), deflateRaw(bytes.subarray(split))),
      }
    : { name, stored, plain: stored };
  const structured: fc.Arbitrary<Edit[]>[] = [
    lengthEdits(fields, plain.length),
    nestingEdits(layout.nesting),
    fieldEdits(layout.numbers),
    valueEdits(layout.values, hostileText),
  ];
  if (layout.pixelData) structured.push(shrinkPixelDataEdits(layout.pixelData));
  return { subject, layout, structured };
}
