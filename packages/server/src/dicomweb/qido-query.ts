import { ApiError } from '../errors/api-error.js';
import { type Attribute, resolveAttribute } from './attribute-dictionary.js';

/**
 * A QIDO-RS query (PS3.18 8.3.4 and 10.6) parsed from the query string: matching keys by keyword or tag,
 * includefield, fuzzymatching, limit and offset. Which keys a search may match on depends on the
 * levels it covers (SEARCHABLE below, PS3.18 table 10.6.1-5).
 */

export type QueryLevel = 'study' | 'series' | 'instance';

/** How a value matches (PS3.4 C.2.2.2). */
export type MatchKind = 'text' | 'person-name' | 'uid-list' | 'date' | 'time' | 'integer' | 'modalities';

export interface MatchingAttribute {
  readonly tag: string;
  readonly level: QueryLevel;
  readonly kind: MatchKind;
}

/** Keyword (for messages) → what it matches and at which level. */
export const SEARCHABLE: Readonly<Record<string, MatchingAttribute>> = {
  PatientName: { tag: '00100010', level: 'study', kind: 'person-name' },
  PatientID: { tag: '00100020', level: 'study', kind: 'text' },
  StudyDate: { tag: '00080020', level: 'study', kind: 'date' },
  StudyTime: { tag: '00080030', level: 'study', kind: 'time' },
  AccessionNumber: { tag: '00080050', level: 'study', kind: 'text' },
  ModalitiesInStudy: { tag: '00080061', level: 'study', kind: 'modalities' },
  ReferringPhysicianName: { tag: '00080090', level: 'study', kind: 'person-name' },
  StudyDescription: { tag: '00081030', level: 'study', kind: 'text' },
  StudyInstanceUID: { tag: '0020000D', level: 'study', kind: 'uid-list' },
  StudyID: { tag: '00200010', level: 'study', kind: 'text' },
  Modality: { tag: '00080060', level: 'series', kind: 'text' },
  SeriesDescription: { tag: '0008103E', level: 'series', kind: 'text' },
  SeriesInstanceUID: { tag: '0020000E', level: 'series', kind: 'uid-list' },
  SeriesNumber: { tag: '00200011', level: 'series', kind: 'integer' },
  PerformedProcedureStepStartDate: { tag: '00400244', level: 'series', kind: 'date' },
  PerformedProcedureStepStartTime: { tag: '00400245', level: 'series', kind: 'time' },
  SOPClassUID: { tag: '00080016', level: 'instance', kind: 'uid-list' },
  SOPInstanceUID: { tag: '00080018', level: 'instance', kind: 'uid-list' },
  InstanceNumber: { tag: '00200013', level: 'instance', kind: 'integer' },
};
const BY_TAG = new Map(Object.values(SEARCHABLE).map((attribute) => [attribute.tag, attribute]));

export interface Match {
  readonly attribute: MatchingAttribute;
  readonly value: string;
}

export interface QidoQuery {
  readonly matches: readonly Match[];
  /** Tags to return besides the level's defaults; `all` for every attribute the server has. */
  readonly includeFields: readonly string[] | 'all';
  readonly fuzzy: boolean;
  readonly limit: number;
  readonly offset: number;
  /** Keys the server knows but can't match on at these levels (answered in a Warning header). */
  readonly ignored: readonly string[];
}

/** No client needs more per page; a search without `limit` gets at most this many. */
export const MAX_LIMIT = 10_000;

export type QueryString = Record<string, string | string[] | undefined>;

/** Parses the query string of a search over `levels`; VALIDATION_FAILED for what it can't understand. */
export function parseQidoQuery(query: QueryString, levels: readonly QueryLevel[]): QidoQuery {
  const matches: Match[] = [];
  const includeFields = new Set<string>();
  const ignored: string[] = [];
  let includeAll = false;
  let fuzzy = false;
  let limit = MAX_LIMIT;
  let offset = 0;
  for (const [key, raw] of Object.entries(query)) {
    const values = (Array.isArray(raw) ? raw : [raw ?? '']).map(String);
    switch (key.toLowerCase()) {
      case 'limit':
        limit = Math.min(wholeNumber(key, values), MAX_LIMIT);
        continue;
      case 'offset':
        offset = wholeNumber(key, values);
        continue;
      case 'fuzzymatching':
        fuzzy = values.at(-1) === 'true';
        if (!['true', 'false'].includes(values.at(-1) ?? '')) invalid(`fuzzymatching must be true or false`);
        continue;
      case 'includefield':
        for (const field of values.flatMap((value) => value.split(','))) {
          if (field === 'all') includeAll = true;
          else includeFields.add(attributeOf(field, 'includefield').tag);
        }
        continue;
    }
    const attribute = attributeOf(key, 'query key');
    const value = values.at(-1) ?? '';
    // An empty value is universal matching: it asks for the attribute in the answer (PS3.4 C.2.2.2.3).
    includeFields.add(attribute.tag);
    if (value === '' || value === '*') continue;
    const matching = BY_TAG.get(attribute.tag);
    if (!matching || !levels.includes(matching.level)) {
      ignored.push(key);
      continue;
    }
    checkValue(key, matching, value);
    matches.push({ attribute: matching, value });
  }
  return {
    matches,
    includeFields: includeAll ? 'all' : [...includeFields],
    fuzzy,
    limit,
    offset,
    ignored,
  };
}

function attributeOf(key: string, what: string): Attribute {
  const attribute = resolveAttribute(key);
  if (!attribute) invalid(`unknown ${what} '${key}': use a DICOM keyword or an 8-digit tag`);
  return attribute;
}

function wholeNumber(key: string, values: string[]): number {
  const value = values.at(-1) ?? '';
  if (!/^\d+$/.test(value)) invalid(`${key} must be a whole number, not '${value}'`);
  return Number(value);
}

const DATE = /^\d{8}$/;
const TIME = /^\d{2}(\d{2}(\d{2}(\.\d{1,6})?)?)?$/;

function checkValue(key: string, attribute: MatchingAttribute, value: string): void {
  if (attribute.kind === 'date' || attribute.kind === 'time') {
    const format = attribute.kind === 'date' ? DATE : TIME;
    const [from, to, ...rest] = value.split('-');
    const bounds = [from, to].filter((bound): bound is string => bound !== undefined && bound !== '');
    if (rest.length || bounds.length === 0 || !bounds.every((bound) => format.test(bound)))
      invalid(`${key} must be a ${attribute.kind} or a range of them (A-B, -B, A-), not '${value}'`);
  }
  if (attribute.kind === 'integer' && !/^[+-]?\d+$/.test(value))
    invalid(`${key} must be an integer, not '${value}'`);
}

/** A date or time range: either bound may be open. Single values are both bounds. */
export function rangeOf(value: string): { from?: string; to?: string } {
  if (!value.includes('-')) return { from: value, to: value };
  const [from, to] = value.split('-');
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

/** UID lists are comma separated (PS3.18 8.3.4.1), or backslash separated as in DICOM. */
export function listOf(value: string): string[] {
  return value
    .split(/[,\\]/)
    .map((item) => item.trim())
    .filter(Boolean);
}

function invalid(message: string): never {
  throw new ApiError('VALIDATION_FAILED', message);
}
