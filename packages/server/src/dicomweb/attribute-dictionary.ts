import dcmjs from 'dcmjs';

/** A DICOM attribute named in a request by keyword (PatientID) or tag (00100020). */
export interface Attribute {
  /** Eight upper-case hex digits, as DICOM JSON keys are. */
  readonly tag: string;
  readonly vr: string;
}

const { nameMap, dictionary } = dcmjs.data.DicomMetaDictionary;

/** The attribute a query key or includefield value names, or undefined when it names none. */
export function resolveAttribute(key: string): Attribute | undefined {
  if (/^[0-9A-Fa-f]{8}$/.test(key)) {
    const tag = key.toUpperCase();
    const entry = dictionary[`(${tag.slice(0, 4)},${tag.slice(4)})`];
    // Private and unknown tags are still tags; their VR is unknown (UN).
    return { tag, vr: entry?.vr ?? 'UN' };
  }
  const entry = nameMap[key];
  if (!entry) return undefined;
  return { tag: entry.tag.replace(/[(),]/g, '').toUpperCase(), vr: entry.vr };
}
