import dcmjs, { type DcmjsDict } from 'dcmjs';
import type { DicomJson, DicomJsonElement } from './dicom-json.js';

/**
 * The DICOM JSON the import made with dcmjs before it made it from dicom-parser's DataSet
 * (dicom-json.ts): kept only as the reference the tests compare the DataSet-based one against.
 */

const PIXEL_DATA_TAGS = new Set(['7FE00010', '7FE00008', '7FE00009']);
const BINARY_VRS = new Set(['OB', 'OW', 'OF', 'OD', 'OL', 'OV', 'UN']);
const INLINE_BINARY_LIMIT = 4096;
/** Stands for "this instance's bulk data URL" until a request resolves it. */
const BULK_PLACEHOLDER = 'bulkdata:';

// dcmjs logs every oddity of real files (e.g. an implicit-VR 'xs' it reads as US) to the console.
dcmjs.log.setLevel('error');
dcmjs.log.getLogger('validation.dcmjs').setLevel('silent');

/** The dataset of a Part 10 file as DICOM JSON, or undefined when dcmjs can't read it. */
export function dicomJsonWithDcmjs(bytes: Uint8Array): DicomJson | undefined {
  let file: { meta: DcmjsDict; dict: DcmjsDict };
  try {
    const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    const buffer = (
      whole ? bytes.buffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)
    ) as ArrayBuffer;
    // Pixel Data is read up to its header only: its bytes are served from the file as they are.
    file = dcmjs.data.DicomMessage.readFile(buffer, {
      ignoreErrors: true,
      untilTag: '7FE00010',
      includeUntilTagValue: false,
    });
  } catch {
    return undefined;
  }
  const json = convertDict(file.dict, true);
  const transferSyntax = file.meta['00020010']?.Value?.[0];
  // Available Transfer Syntax UID (PS3.18 10.4.1.2.4): tells clients how the instance is stored.
  if (typeof transferSyntax === 'string' && transferSyntax)
    json['00083002'] = { vr: 'UI', Value: [transferSyntax] };
  return sortByTag(json);
}

function convertDict(dict: DcmjsDict, topLevel: boolean): DicomJson {
  const out: DicomJson = {};
  for (const [tag, element] of Object.entries(dict)) {
    const key = tag.toUpperCase();
    const vr = element.vr;
    const values = element.Value ?? [];
    if (PIXEL_DATA_TAGS.has(key)) {
      out[key] = { vr: vr === 'UN' ? 'OW' : vr, BulkDataURI: `${BULK_PLACEHOLDER}${key}` };
    } else if (vr === 'SQ') {
      const items = values.map((item) => convertDict(item as DcmjsDict, false));
      out[key] = items.length ? { vr, Value: items } : { vr };
    } else if (BINARY_VRS.has(vr)) {
      out[key] = binaryElement(key, vr, values, topLevel);
    } else {
      const kept = values.filter((value) => value !== '' && value !== null && value !== undefined);
      out[key] = kept.length ? { vr, Value: kept.map((value) => plainValue(vr, value)) } : { vr };
    }
  }
  return out;
}

function binaryElement(tag: string, vr: string, values: unknown[], topLevel: boolean): DicomJsonElement {
  const parts = values.filter((value): value is ArrayBuffer => value instanceof ArrayBuffer);
  const size = parts.reduce((sum, part) => sum + part.byteLength, 0);
  if (size === 0) return { vr };
  if (size <= INLINE_BINARY_LIMIT) {
    const joined = Buffer.concat(parts.map((part) => Buffer.from(part)));
    return { vr, InlineBinary: joined.toString('base64') };
  }
  // Large binary values nested in sequences are left out: bulk data is served for top-level tags only.
  return topLevel ? { vr, BulkDataURI: `${BULK_PLACEHOLDER}${tag}` } : { vr };
}

function plainValue(vr: string, value: unknown): unknown {
  if (vr === 'PN' && typeof value === 'string') return { Alphabetic: value };
  if ((vr === 'DS' || vr === 'IS') && typeof value === 'string') {
    const number = Number(value);
    return Number.isFinite(number) ? number : value;
  }
  return value;
}

function sortByTag(json: DicomJson): DicomJson {
  return Object.fromEntries(Object.entries(json).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
