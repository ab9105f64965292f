import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { DatabaseSchema } from '../storage/schema.js';
import { type DicomJson, type DicomJsonElement, resolveBulkDataUris } from './dicom-json.js';
import type { DicomwebContext } from './dicomweb-access.js';
import { listOf, type Match, type QidoQuery, type QueryLevel, rangeOf } from './qido-query.js';
import { textMatches } from './text-matching.js';

/**
 * Runs QIDO-RS searches in SQL over the attributes the import stored (migration 0006) and answers in
 * DICOM JSON. Every level joins images → series → studies, so what the caller may not see (blind
 * reading) and studies or series without instances drop out, and counts count only visible instances.
 */

type Db = Kysely<DatabaseSchema>;

/** The column each matching attribute is stored in. */
const COLUMNS: Readonly<Record<string, string>> = {
  '00100010': 'studies.patient_name',
  '00100020': 'studies.patient_id',
  '00080020': 'studies.study_date',
  '00080030': 'studies.study_time',
  '00080050': 'studies.accession_number',
  '00080090': 'studies.referring_physician_name',
  '00081030': 'studies.description',
  '0020000D': 'studies.study_instance_uid',
  '00200010': 'studies.study_id',
  '00080060': 'series.modality',
  '0008103E': 'series.description',
  '0020000E': 'series.series_instance_uid',
  '00200011': 'series.series_number',
  '00400244': 'series.performed_start_date',
  '00400245': 'series.performed_start_time',
  '00080016': 'images.sop_class_uid',
  '00080018': 'images.sop_instance_uid',
  '00200013': 'images.instance_number',
};

/** Fixed by the URL: /studies/{study}/series/{series}/instances. */
export interface Scope {
  readonly studyUid?: string;
  readonly seriesUid?: string;
}

function baseQuery(db: Db, context: DicomwebContext, scope: Scope, query: QidoQuery) {
  let q = db
    .selectFrom('images')
    .innerJoin('series', 'series.id', 'images.series_id')
    .innerJoin('studies', 'studies.id', 'series.study_id')
    .where('images.project_id', '=', context.access.projectId)
    .where(context.visibleSeries);
  if (scope.studyUid) q = q.where('studies.study_instance_uid', '=', scope.studyUid);
  if (scope.seriesUid) q = q.where('series.series_instance_uid', '=', scope.seriesUid);
  for (const match of query.matches) q = q.where(condition(db, context, match, query.fuzzy));
  return q;
}

function condition(db: Db, context: DicomwebContext, match: Match, fuzzy: boolean): Expression<SqlBool> {
  const { attribute, value } = match;
  if (attribute.kind === 'modalities') {
    return sql<SqlBool>`exists (select 1 from series where series.study_id = studies.id and series.modality in (${sql.join(listOf(value))}) and ${context.visibleSeries})`;
  }
  const column = COLUMNS[attribute.tag]!;
  const ref = sql.ref(column);
  switch (attribute.kind) {
    case 'uid-list':
      return sql<SqlBool>`${ref} in (${sql.join(listOf(value))})`;
    case 'integer':
      return sql<SqlBool>`${ref} = ${Number(value)}`;
    case 'date':
    case 'time': {
      // DA and TM sort as text (YYYYMMDD, HHMMSS.FFFFFF), so ranges are text comparisons.
      const { from, to } = rangeOf(value);
      const bounds: Expression<SqlBool>[] = [];
      if (from) bounds.push(sql<SqlBool>`${ref} >= ${from}`);
      if (to) bounds.push(sql<SqlBool>`${ref} <= ${attribute.kind === 'time' ? `${to}\u{7f}` : to}`);
      return sql<SqlBool>`(${sql.join(bounds, sql` and `)})`;
    }
    case 'person-name':
      return textMatches(db, column, value, { fuzzyName: fuzzy });
    default:
      return textMatches(db, column, value);
  }
}

/** The study-level columns every search level answers with (studyAttributes reads them). */
const STUDY_COLUMNS = [
  'studies.study_instance_uid',
  'studies.study_date',
  'studies.study_time',
  'studies.accession_number',
  'studies.referring_physician_name',
  'studies.patient_name',
  'studies.patient_id',
  'studies.patient_birth_date',
  'studies.patient_sex',
  'studies.study_id',
  'studies.description',
] as const;

export async function searchStudies(
  db: Db,
  context: DicomwebContext,
  query: QidoQuery,
  scope: Scope = {},
): Promise<DicomJson[]> {
  const rows = await baseQuery(db, context, scope, query)
    .groupBy('studies.id')
    .select(['studies.id', ...STUDY_COLUMNS, 'studies.created_at'])
    .select((eb) => [
      eb.fn.count<number | string>(sql`distinct series.id`).as('series_count'),
      eb.fn.countAll<number | string>().as('instance_count'),
    ])
    .orderBy('studies.created_at')
    .orderBy('studies.id')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  const modalities = await modalitiesOf(
    db,
    context,
    rows.map((row) => row.id),
  );
  const answers: DicomJson[] = [];
  for (const row of rows) {
    const json = studyAttributes(row);
    json['00080061'] = element('CS', modalities.get(row.id) ?? []);
    json['00081190'] = element('UR', [`${context.baseUrl}/studies/${row.study_instance_uid}`]);
    json['00201206'] = element('IS', [Number(row.series_count)]);
    json['00201208'] = element('IS', [Number(row.instance_count)]);
    answers.push(
      await withIncludedFields(db, context, json, query, (q) => q.where('studies.id', '=', row.id)),
    );
  }
  return answers;
}

export async function searchSeries(
  db: Db,
  context: DicomwebContext,
  query: QidoQuery,
  scope: Scope = {},
): Promise<DicomJson[]> {
  const rows = await baseQuery(db, context, scope, query)
    .groupBy(['series.id', 'studies.id'])
    .select([
      'series.id',
      'series.series_instance_uid',
      'series.modality',
      'series.description as series_description',
      'series.series_number',
      'series.performed_start_date',
      'series.performed_start_time',
      'series.created_at as series_created_at',
      ...STUDY_COLUMNS,
    ])
    .select((eb) => eb.fn.countAll<number | string>().as('instance_count'))
    .orderBy('series.created_at')
    .orderBy('series.id')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  const answers: DicomJson[] = [];
  for (const row of rows) {
    const json: DicomJson = {
      ...(scope.studyUid ? { '0020000D': element('UI', [row.study_instance_uid]) } : studyAttributes(row)),
      ...seriesAttributes(row),
    };
    json['00081190'] = element('UR', [
      `${context.baseUrl}/studies/${row.study_instance_uid}/series/${row.series_instance_uid}`,
    ]);
    json['00201209'] = element('IS', [Number(row.instance_count)]);
    answers.push(
      await withIncludedFields(db, context, json, query, (q) => q.where('series.id', '=', row.id)),
    );
  }
  return answers;
}

export async function searchInstances(
  db: Db,
  context: DicomwebContext,
  query: QidoQuery,
  scope: Scope = {},
): Promise<DicomJson[]> {
  const rows = await baseQuery(db, context, scope, query)
    .select([
      'images.id',
      'images.sop_instance_uid',
      'images.sop_class_uid',
      'images.instance_number',
      'images.number_of_frames',
      'images.dicom_json',
      'series.series_instance_uid',
      'series.modality',
      'series.description as series_description',
      'series.series_number',
      'series.performed_start_date',
      'series.performed_start_time',
      ...STUDY_COLUMNS,
    ])
    .orderBy('series.series_instance_uid')
    .orderBy('images.instance_number')
    .orderBy('images.id')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  return rows.map((row) => {
    const url = `${context.baseUrl}/studies/${row.study_instance_uid}/series/${row.series_instance_uid}/instances/${row.sop_instance_uid}`;
    const stored = row.dicom_json ? resolveBulkDataUris(JSON.parse(row.dicom_json) as DicomJson, url) : {};
    const json: DicomJson = {
      ...(scope.studyUid ? {} : studyAttributes(row)),
      ...(scope.seriesUid ? {} : seriesAttributes(row)),
      '0020000D': element('UI', [row.study_instance_uid]),
      '0020000E': element('UI', [row.series_instance_uid]),
      '00080016': element('UI', row.sop_class_uid ? [row.sop_class_uid] : []),
      '00080018': element('UI', [row.sop_instance_uid]),
      '00200013': element('IS', row.instance_number === null ? [] : [row.instance_number]),
      '00280008': element('IS', row.number_of_frames === null ? [] : [row.number_of_frames]),
      '00081190': element('UR', [url]),
    };
    for (const tag of ['00280010', '00280011', '00280100', '00083002'])
      if (stored[tag]) json[tag] = stored[tag];
    const included = query.includeFields === 'all' ? Object.keys(stored) : query.includeFields;
    for (const tag of included) if (stored[tag] && !json[tag]) json[tag] = stored[tag];
    return sortTags(json);
  });
}

interface StudyRow {
  study_instance_uid: string;
  study_date: string | null;
  study_time: string | null;
  accession_number: string | null;
  referring_physician_name: string | null;
  patient_name: string | null;
  patient_id: string | null;
  patient_birth_date: string | null;
  patient_sex: string | null;
  study_id: string | null;
  description: string | null;
}

function studyAttributes(row: StudyRow): DicomJson {
  return {
    '00080020': element('DA', present(row.study_date)),
    '00080030': element('TM', present(row.study_time)),
    '00080050': element('SH', present(row.accession_number)),
    '00080056': element('CS', ['ONLINE']),
    '00080090': element('PN', present(row.referring_physician_name)),
    '00081030': element('LO', present(row.description)),
    '00100010': element('PN', present(row.patient_name)),
    '00100020': element('LO', present(row.patient_id)),
    '00100030': element('DA', present(row.patient_birth_date)),
    '00100040': element('CS', present(row.patient_sex)),
    '0020000D': element('UI', [row.study_instance_uid]),
    '00200010': element('SH', present(row.study_id)),
  };
}

interface SeriesRow {
  series_instance_uid: string;
  modality: string | null;
  series_description: string | null;
  series_number: number | null;
  performed_start_date: string | null;
  performed_start_time: string | null;
}

function seriesAttributes(row: SeriesRow): DicomJson {
  return {
    '00080060': element('CS', present(row.modality)),
    '0008103E': element('LO', present(row.series_description)),
    '0020000E': element('UI', [row.series_instance_uid]),
    '00200011': element('IS', row.series_number === null ? [] : [row.series_number]),
    '00400244': element('DA', present(row.performed_start_date)),
    '00400245': element('TM', present(row.performed_start_time)),
  };
}

function present(value: string | null): string[] {
  return value === null || value === '' ? [] : [value];
}

/** A DICOM JSON element; PN values become {Alphabetic} objects. Empty values give an empty attribute. */
export function element(vr: string, values: readonly unknown[]): DicomJsonElement {
  if (values.length === 0) return { vr };
  return { vr, Value: vr === 'PN' ? values.map((value) => ({ Alphabetic: String(value) })) : [...values] };
}

/** The distinct visible modalities of each study (ModalitiesInStudy). */
async function modalitiesOf(db: Db, context: DicomwebContext, studyIds: string[]) {
  const byStudy = new Map<string, string[]>();
  if (studyIds.length === 0) return byStudy;
  const rows = await db
    .selectFrom('series')
    .select(['series.study_id', 'series.modality'])
    .distinct()
    .where('series.study_id', 'in', studyIds)
    .where('series.modality', 'is not', null)
    .where(context.visibleSeries)
    .where((eb) =>
      eb.exists(eb.selectFrom('images').select('images.id').whereRef('images.series_id', '=', 'series.id')),
    )
    .orderBy('series.modality')
    .execute();
  for (const row of rows) {
    const list = byStudy.get(row.study_id) ?? [];
    list.push(row.modality!);
    byStudy.set(row.study_id, list);
  }
  return byStudy;
}

/**
 * Adds includefield attributes the level's defaults don't have, from one visible instance of the study
 * or series (study and series attributes are the same in all of its instances).
 */
async function withIncludedFields(
  db: Db,
  context: DicomwebContext,
  json: DicomJson,
  query: QidoQuery,
  narrow: (q: ReturnType<typeof instanceOf>) => ReturnType<typeof instanceOf>,
): Promise<DicomJson> {
  const wanted = query.includeFields === 'all' ? 'all' : query.includeFields.filter((tag) => !json[tag]);
  if (wanted !== 'all' && wanted.length === 0) return sortTags(json);
  const row = await narrow(instanceOf(db, context)).executeTakeFirst();
  const stored = row?.dicom_json ? (JSON.parse(row.dicom_json) as DicomJson) : {};
  const tags = wanted === 'all' ? Object.keys(stored).filter(isStudyOrSeriesLevel) : wanted;
  for (const tag of tags) if (stored[tag] && !json[tag] && !stored[tag].BulkDataURI) json[tag] = stored[tag];
  return sortTags(json);
}

function instanceOf(db: Db, context: DicomwebContext) {
  return db
    .selectFrom('images')
    .innerJoin('series', 'series.id', 'images.series_id')
    .innerJoin('studies', 'studies.id', 'series.study_id')
    .select('images.dicom_json')
    .where('images.project_id', '=', context.access.projectId)
    .where(context.visibleSeries)
    .orderBy('images.id')
    .limit(1);
}

/** `includefield=all` at study and series level: patient, study, series and equipment groups only. */
function isStudyOrSeriesLevel(tag: string): boolean {
  return (
    ['0008', '0010', '0018', '0020', '0032', '0040'].includes(tag.slice(0, 4)) && !INSTANCE_TAGS.has(tag)
  );
}

/** Attributes of one instance, not of its study or series, among the groups above. */
const INSTANCE_TAGS = new Set([
  '00080012', // InstanceCreationDate
  '00080013', // InstanceCreationTime
  '00080016', // SOPClassUID
  '00080018', // SOPInstanceUID
  '00080023', // ContentDate
  '00080033', // ContentTime
  '00200013', // InstanceNumber
  '00200032', // ImagePositionPatient
  '00200037', // ImageOrientationPatient
  '00201041', // SliceLocation
]);

export function sortTags(json: DicomJson): DicomJson {
  return Object.fromEntries(Object.entries(json).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export type { QueryLevel };
