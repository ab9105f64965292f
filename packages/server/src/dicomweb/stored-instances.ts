import { type ParsedDicom, type PixelModule, parseDicom, readPixelModule } from '@voxelhub/core';
import { zlibInflateRaw } from '@voxelhub/core/node';
import type { Kysely } from 'kysely';
import type { BlobStore } from '../blobs/blob-store.js';
import { ApiError } from '../errors/api-error.js';
import type { DatabaseSchema } from '../storage/schema.js';
import { type DicomJson, instanceDicomJson, resolveBulkDataUris } from './dicom-json.js';
import type { DicomwebContext } from './dicomweb-access.js';

/** The stored DICOM instances a WADO-RS URL names, as the caller may see them. */
export interface StoredInstance {
  readonly id: string;
  readonly blobKey: string;
  readonly studyUid: string;
  readonly seriesUid: string;
  readonly sopInstanceUid: string;
  readonly sopClassUid: string | null;
  readonly transferSyntaxUid: string | null;
  readonly dicomJson: string | null;
}

export interface InstanceAddress {
  readonly studyUid: string;
  readonly seriesUid?: string;
  readonly sopInstanceUid?: string;
}

/** The instances of a study, series or one instance; NOT_FOUND when there are none the caller may see. */
export async function findInstances(
  db: Kysely<DatabaseSchema>,
  context: DicomwebContext,
  address: InstanceAddress,
): Promise<StoredInstance[]> {
  let query = db
    .selectFrom('images')
    .innerJoin('series', 'series.id', 'images.series_id')
    .innerJoin('studies', 'studies.id', 'series.study_id')
    .select([
      'images.id',
      'images.blob_key as blobKey',
      'studies.study_instance_uid as studyUid',
      'series.series_instance_uid as seriesUid',
      'images.sop_instance_uid as sopInstanceUid',
      'images.sop_class_uid as sopClassUid',
      'images.transfer_syntax_uid as transferSyntaxUid',
      'images.dicom_json as dicomJson',
    ])
    .where('images.project_id', '=', context.access.projectId)
    .where('studies.study_instance_uid', '=', address.studyUid)
    .where(context.visibleSeries);
  if (address.seriesUid) query = query.where('series.series_instance_uid', '=', address.seriesUid);
  if (address.sopInstanceUid) query = query.where('images.sop_instance_uid', '=', address.sopInstanceUid);
  const rows = await query
    .orderBy('series.series_instance_uid')
    .orderBy('images.instance_number')
    .orderBy('images.id')
    .execute();
  if (rows.length === 0) throw new ApiError('NOT_FOUND', `no ${describe(address)} in this project`);
  return rows.map((row) => ({ ...row, sopInstanceUid: row.sopInstanceUid ?? '' }));
}

function describe(address: InstanceAddress): string {
  if (address.sopInstanceUid) return `instance ${address.sopInstanceUid}`;
  if (address.seriesUid) return `series ${address.seriesUid}`;
  return `study ${address.studyUid}`;
}

export function instanceUrl(context: DicomwebContext, instance: StoredInstance): string {
  return `${context.baseUrl}/studies/${instance.studyUid}/series/${instance.seriesUid}/instances/${instance.sopInstanceUid}`;
}

/** The instance's DICOM JSON with BulkDataURIs; read from the file for images imported before 0006. */
export async function instanceMetadata(
  blobs: BlobStore,
  context: DicomwebContext,
  instance: StoredInstance,
): Promise<DicomJson> {
  const json = instance.dicomJson
    ? (JSON.parse(instance.dicomJson) as DicomJson)
    : (instanceDicomJson(await blobs.getBytes(instance.blobKey)) ?? {});
  return resolveBulkDataUris(json, instanceUrl(context, instance));
}

export interface ParsedInstance {
  readonly bytes: Uint8Array;
  readonly parsed: ParsedDicom;
  readonly module: PixelModule;
}

/** The whole file, parsed, for frames, bulk data and rendering. */
export async function parseInstance(blobs: BlobStore, instance: StoredInstance): Promise<ParsedInstance> {
  const bytes = await blobs.getBytes(instance.blobKey);
  const parsed = parseDicom(bytes, { file: instance.sopInstanceUid, inflateRaw: zlibInflateRaw });
  return { bytes, parsed, module: readPixelModule(parsed.dataSet) };
}
