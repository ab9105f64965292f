import { type DataSet, type Element, parseDicom } from '@voxelhub/core';
import { zlibInflateRaw } from '@voxelhub/core/node';
import dcmjs from 'dcmjs';
import { characterSetDecoder, LATIN1 } from './dicom-json-charset.js';
import {
  BYTES_VRS,
  type ElementValue,
  elementValues,
  readableVr,
  type TextDecoderLike,
  type ValueSource,
} from './dicom-json-values.js';

/**
 * An instance's DICOM JSON (PS3.18 F.2) without bulk data, made once at import and stored, so that
 * WADO-RS metadata and QIDO-RS attributes are a database read. Pixel Data and binary values larger than
 * INLINE_BINARY_LIMIT are kept as a `BulkDataURI` placeholder naming the top-level tag (resolved to a URL
 * per request by resolveBulkDataUris, since the URL depends on the project and the host).
 *
 * It is made from the dicom-parser DataSet the import has already parsed, with each value read as dcmjs
 * reads it (dicom-json-values.ts): dcmjs made it before, and dicom-json.test.ts holds the two equal.
 */

export interface DicomJsonElement {
  vr: string;
  Value?: unknown[];
  InlineBinary?: string;
  BulkDataURI?: string;
}
export type DicomJson = Record<string, DicomJsonElement>;

const PIXEL_DATA_TAGS = new Set(['7FE00010', '7FE00008', '7FE00009']);
const INLINE_BINARY_LIMIT = 4096;
/** Stands for "this instance's bulk data URL" until a request resolves it. */
const BULK_PLACEHOLDER = 'bulkdata:';
const SPECIFIC_CHARACTER_SET = '00080005';
const EXPLICIT_BIG_ENDIAN = '1.2.840.10008.1.2.2';
const DEFLATED_EXPLICIT_LITTLE = '1.2.840.10008.1.2.1.99';

const { dictionary } = dcmjs.data.DicomMetaDictionary;

/** The dataset of a DICOM file as DICOM JSON, or undefined when the file can't be parsed. */
export function instanceDicomJson(bytes: Uint8Array): DicomJson | undefined {
  let parsed: ReturnType<typeof parseDicom>;
  try {
    parsed = parseDicom(bytes, { inflateRaw: zlibInflateRaw });
  } catch {
    return undefined;
  }
  return dicomJsonFromDataSet(parsed.dataSet, parsed.transferSyntaxUID);
}

/** A parsed dataset (parseDicom's) as DICOM JSON, or undefined when a value can't be read. */
export function dicomJsonFromDataSet(dataSet: DataSet, transferSyntaxUid: string): DicomJson | undefined {
  const bytes = dataSet.byteArray;
  const source: ValueSource = {
    bytes,
    buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    littleEndian: transferSyntaxUid !== EXPLICIT_BIG_ENDIAN,
  };
  let entries: JsonEntry[];
  try {
    entries = convertDataSet(source, dataSet, datasetStart(dataSet, transferSyntaxUid));
  } catch {
    return undefined;
  }
  // Available Transfer Syntax UID (PS3.18 10.4.1.2.4): tells clients how the instance is stored.
  if (transferSyntaxUid) entries.push(['00083002', { vr: 'UI', Value: [transferSyntaxUid] }]);
  return Object.fromEntries(sortedByTag(entries));
}

type JsonEntry = [tag: string, element: DicomJsonElement];

/**
 * Where the top-level dataset starts in the DataSet's bytes. dicom-parser reads a deflated file, once
 * inflated, from byte 0, so that the preamble and the File Meta Information come out as elements too.
 */
function datasetStart(dataSet: DataSet, transferSyntaxUid: string): number {
  if (transferSyntaxUid !== DEFLATED_EXPLICIT_LITTLE) return 0;
  let end = 0;
  for (const element of Object.values(dataSet.elements))
    if (element.tag.startsWith('x0002')) end = Math.max(end, element.dataOffset + element.length);
  return end;
}

/** A dataset's attributes, in file order; `start` is undefined for an item, else where the top level starts. */
function convertDataSet(source: ValueSource, dataSet: DataSet, start?: number): JsonEntry[] {
  const out: JsonEntry[] = [];
  const topLevel = start !== undefined;
  // Specific Character Set applies from where it is read on, in this dataset only (as dcmjs reads it).
  let decoder: TextDecoderLike = LATIN1;
  for (const element of Object.values(dataSet.elements)) {
    const tag = jsonTag(element.tag);
    // Item delimiters are no attributes; the File Meta Information is not part of the dataset.
    if (tag.startsWith('FFFE')) continue;
    if (topLevel && (tag.startsWith('0002') || element.dataOffset < start)) continue;
    if (PIXEL_DATA_TAGS.has(tag)) {
      out.push([tag, pixelDataElement(tag, element)]);
      // Nothing after Pixel Data: its bytes are served from the file as they are.
      if (topLevel && tag === '7FE00010') break;
      continue;
    }
    const vr = elementVr(tag, element);
    if (vr.json === 'SQ') {
      out.push([tag, sequenceElement(source, element)]);
    } else if (tag === SPECIFIC_CHARACTER_SET) {
      const names = elementValues(source, 'CS', element.dataOffset, element.length, decoder);
      decoder = characterSetDecoder(names[0] as string) ?? decoder;
      // The JSON's strings are Unicode whatever the file's character set.
      out.push([tag, { vr: vr.json, Value: ['ISO_IR 192'] }]);
    } else {
      const values = vr.dictionary
        ? elementValues(
            { ...source, littleEndian: true },
            vr.read,
            element.dataOffset,
            element.length,
            LATIN1,
            true,
          )
        : elementValues(source, vr.read, element.dataOffset, element.length, decoder);
      out.push([
        tag,
        BYTES_VRS.has(vr.json)
          ? binaryElement(tag, vr.json, values, topLevel)
          : plainElement(vr.json, values),
      ]);
    }
  }
  return out;
}

interface ElementVr {
  /** The VR the JSON names. */
  readonly json: string;
  /** The VR its bytes are read as. */
  readonly read: string;
  /** True for a UN element read as its dictionary VR (whose bytes are implicit little endian). */
  readonly dictionary: boolean;
}

/** The element's VR as dcmjs gives it: the file's, or the dictionary's for implicit VR and UN. */
function elementVr(tag: string, element: Element): ElementVr {
  const known = element.vr === undefined || element.vr === 'UN' ? dictionaryVr(tag) : undefined;
  if (element.vr === undefined) {
    const vr = readableVr(known ?? unknownImplicitVr(tag, element));
    return { json: vr, read: vr, dictionary: false };
  }
  if (known) return { json: known, read: readableVr(known), dictionary: true };
  const vr = readableVr(element.vr);
  return { json: vr, read: vr, dictionary: false };
}

function dictionaryVr(tag: string): string | undefined {
  return dictionary[`(${tag.slice(0, 4)},${tag.slice(4)})`]?.vr || undefined;
}

/** An implicit-VR element the dictionary doesn't know: a sequence, a private creator, or UN. */
function unknownImplicitVr(tag: string, element: Element): string {
  if (element.hadUndefinedLength) return 'SQ';
  const group = Number.parseInt(tag.slice(0, 4), 16);
  const number = Number.parseInt(tag.slice(4), 16);
  if (group % 2 === 1 && number > 0 && number < 0x100) return 'LO';
  return 'UN';
}

/** With the file's VR: PS3.18 F.2.2 requires one (dcmjs, stopped at Pixel Data, gave none). */
function pixelDataElement(tag: string, element: Element): DicomJsonElement {
  const vr = elementVr(tag, element).read;
  return { vr: vr === 'UN' ? 'OW' : vr, BulkDataURI: `${BULK_PLACEHOLDER}${tag}` };
}

function sequenceElement(source: ValueSource, element: Element): DicomJsonElement {
  // An empty item is an empty object (dcmjs leaves it out, shifting the items after it).
  const items = (element.items ?? [])
    .map((item) => item.dataSet)
    .filter((item): item is DataSet => item !== undefined)
    .map((item) => Object.fromEntries(convertDataSet(source, item)));
  return items.length ? { vr: 'SQ', Value: items } : { vr: 'SQ' };
}

function binaryElement(tag: string, vr: string, values: ElementValue[], topLevel: boolean): DicomJsonElement {
  const bytes = values[0] as Uint8Array;
  if (bytes.byteLength === 0) return { vr };
  if (bytes.byteLength <= INLINE_BINARY_LIMIT) {
    return {
      vr,
      InlineBinary: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
    };
  }
  // Large binary values nested in sequences are left out: bulk data is served for top-level tags only.
  return topLevel ? { vr, BulkDataURI: `${BULK_PLACEHOLDER}${tag}` } : { vr };
}

function plainElement(vr: string, values: ElementValue[]): DicomJsonElement {
  const kept = values.filter((value) => value !== '' && value !== null);
  return kept.length ? { vr, Value: kept.map(jsonNumber) } : { vr };
}

/** UV values are read as bigint, which JSON can't hold: a Number where exact, else a String. */
function jsonNumber(value: ElementValue): unknown {
  if (typeof value !== 'bigint') return value;
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
}

/** dicom-parser's 'x0010abcd' as DICOM JSON's '0010ABCD' (the same few hundred tags again and again). */
const jsonTags = new Map<string, string>();
function jsonTag(parserTag: string): string {
  let tag = jsonTags.get(parserTag);
  if (tag === undefined) {
    tag = parserTag.slice(1).toUpperCase();
    jsonTags.set(parserTag, tag);
  }
  return tag;
}

/** Top-level attributes in tag order; a file's are in order already but for the added ones. */
function sortedByTag(entries: JsonEntry[]): JsonEntry[] {
  for (let i = 1; i < entries.length; i++) {
    if ((entries[i - 1] as JsonEntry)[0] > (entries[i] as JsonEntry)[0])
      return entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }
  return entries;
}

/** Replaces the stored placeholders with `${instanceUrl}/bulkdata/<tag>` (in place on a parsed copy). */
export function resolveBulkDataUris(json: DicomJson, instanceUrl: string): DicomJson {
  for (const element of Object.values(json)) {
    if (element.BulkDataURI?.startsWith(BULK_PLACEHOLDER))
      element.BulkDataURI = `${instanceUrl}/bulkdata/${element.BulkDataURI.slice(BULK_PLACEHOLDER.length)}`;
  }
  return json;
}

/** The first value of a tag as text (PN as its Alphabetic group). */
export function firstText(json: DicomJson | undefined, tag: string): string | null {
  const value = json?.[tag]?.Value?.[0];
  if (value === undefined || value === null) return null;
  if (typeof value === 'object') return (value as { Alphabetic?: string }).Alphabetic ?? null;
  return String(value);
}

/** The first value of a tag as an integer, or null. */
export function firstInteger(json: DicomJson | undefined, tag: string): number | null {
  const value = Number(firstText(json, tag));
  return firstText(json, tag) !== null && Number.isInteger(value) ? value : null;
}
