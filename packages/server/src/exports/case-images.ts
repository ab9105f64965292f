import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../storage/schema.js';
import type { ManifestCase } from '../versions/version-manifest.js';

/** One stored image file of a case: a NIfTI, PNG or JPEG image, or one DICOM instance of a series. */
export interface CaseImageRow {
  readonly id: string;
  readonly blobKey: string;
  readonly format: string;
  /** images.geometry as the import stored it (item-geometry.ts parseImageGeometry reads it). */
  readonly geometry: unknown;
  readonly sopInstanceUid: string | null;
  readonly sopClassUid: string | null;
  /** The instance's DICOM JSON (PS3.18 F.2) without bulk data, when the import kept it. */
  readonly dicomJson: string | null;
}

/** The DICOM study and series a DICOM case belongs to, as the import recorded them. */
export interface CaseStudy {
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly patientName: string | null;
  readonly patientId: string | null;
  readonly patientBirthDate: string | null;
  readonly patientSex: string | null;
  readonly studyDate: string | null;
  readonly studyTime: string | null;
  readonly studyId: string | null;
  readonly accessionNumber: string | null;
  readonly referringPhysicianName: string | null;
  readonly studyDescription: string | null;
}

export interface CaseImages {
  readonly case: ManifestCase;
  /** One row for an image case; every instance of the series for a series case. */
  readonly rows: readonly CaseImageRow[];
  /** Set for DICOM cases. */
  readonly study?: CaseStudy;
}

/**
 * The stored files of one case of a version. A case whose images are gone (deleted since the version was
 * made) is an Error naming it: the version can no longer be exported as frozen.
 */
export async function caseImagesOf(
  db: Kysely<DatabaseSchema>,
  projectId: string,
  c: ManifestCase,
): Promise<CaseImages> {
  const rows = await db
    .selectFrom('images')
    .leftJoin('series', 'series.id', 'images.series_id')
    .leftJoin('studies', 'studies.id', 'series.study_id')
    .select([
      'images.id',
      'images.blob_key',
      'images.format',
      'images.geometry',
      'images.sop_instance_uid',
      'images.sop_class_uid',
      'images.dicom_json',
      'series.series_instance_uid',
      'studies.study_instance_uid',
      'studies.patient_name',
      'studies.patient_id',
      'studies.patient_birth_date',
      'studies.patient_sex',
      'studies.study_date',
      'studies.study_time',
      'studies.study_id',
      'studies.accession_number',
      'studies.referring_physician_name',
      'studies.description',
    ])
    .where('images.project_id', '=', projectId)
    .where(c.kind === 'series' ? 'images.series_id' : 'images.id', '=', c.id)
    .orderBy('images.id')
    .execute();
  if (rows.length === 0)
    throw new Error(
      `${c.caseName}: its ${c.kind} ${c.id} is no longer in the project; the version cannot be exported`,
    );
  const first = rows[0]!;
  const study: CaseStudy | undefined =
    first.study_instance_uid && first.series_instance_uid
      ? {
          studyInstanceUid: first.study_instance_uid,
          seriesInstanceUid: first.series_instance_uid,
          patientName: first.patient_name,
          patientId: first.patient_id,
          patientBirthDate: first.patient_birth_date,
          patientSex: first.patient_sex,
          studyDate: first.study_date,
          studyTime: first.study_time,
          studyId: first.study_id,
          accessionNumber: first.accession_number,
          referringPhysicianName: first.referring_physician_name,
          studyDescription: first.description,
        }
      : undefined;
  return {
    case: c,
    rows: rows.map((r) => ({
      id: r.id,
      blobKey: r.blob_key,
      format: r.format,
      geometry: JSON.parse(r.geometry) as unknown,
      sopInstanceUid: r.sop_instance_uid,
      sopClassUid: r.sop_class_uid,
      dicomJson: r.dicom_json,
    })),
    ...(study ? { study } : {}),
  };
}
