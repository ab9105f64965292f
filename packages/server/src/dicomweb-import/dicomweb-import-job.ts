import type { Kysely } from 'kysely';
import type { ImportSource, SourceItem } from '../import/import-job.js';
import { insertImportJob } from '../import/import-job.js';
import type { DatabaseSchema } from '../storage/schema.js';
import { type DicomwebClient, DicomwebError } from './dicomweb-client.js';
import {
  DICOMWEB_JOB_KIND,
  type DicomwebPayload,
  dicomwebItemKey,
  parseDicomwebItemKey,
} from './dicomweb-items.js';

type Db = Kysely<DatabaseSchema>;

/** Instances downloaded while the one before imports. */
const READ_AHEAD = 3;

export interface DicomwebImportRequest {
  readonly projectId: string;
  readonly studyInstanceUid: string;
  readonly userId?: string;
}

/**
 * The job importing a study from a DICOMweb server into a project: an unfinished one for the same server,
 * study and project (a run that was interrupted or crashed) is resumed; otherwise the study's instances
 * are listed (QIDO-RS) and a new job made, one item per instance. Returns its id and whether it resumes.
 */
export async function dicomwebImportJob(
  db: Db,
  client: DicomwebClient,
  request: DicomwebImportRequest,
): Promise<{ jobId: string; resumed: boolean }> {
  const payload: DicomwebPayload = { url: client.baseUrl, studyInstanceUid: request.studyInstanceUid };
  const unfinished = await db
    .selectFrom('jobs')
    .select(['id', 'payload'])
    .where('kind', '=', DICOMWEB_JOB_KIND)
    .where('project_id', '=', request.projectId)
    .where((eb) =>
      eb.or([
        eb('state', 'in', ['queued', 'failed']),
        eb.and([eb('state', '=', 'running'), eb('lease_expires_at', '<', new Date().toISOString())]),
      ]),
    )
    .orderBy('created_at', 'desc')
    .execute();
  const same = unfinished.find((job) => {
    const p = JSON.parse(job.payload) as Partial<DicomwebPayload>;
    return p.url === payload.url && p.studyInstanceUid === payload.studyInstanceUid;
  });
  if (same) return { jobId: same.id, resumed: true };
  const instances = await client.studyInstances(request.studyInstanceUid);
  const jobId = await insertImportJob(db, {
    kind: DICOMWEB_JOB_KIND,
    projectId: request.projectId,
    ...(request.userId ? { userId: request.userId } : {}),
    payload: { ...payload },
    items: instances.map((ref) => ({ key: dicomwebItemKey(ref.seriesInstanceUid, ref.sopInstanceUid) })),
  });
  return { jobId, resumed: false };
}

/**
 * A DICOMweb import's items: each instance retrieved with WADO-RS, a few ahead of the one importing;
 * an instance the project already has (by SOP Instance UID) is not downloaded again. An instance the
 * server will not give is that item's failure (FETCH).
 */
export function dicomwebSource(
  db: Db,
  client: DicomwebClient,
  projectId: string,
  payload: DicomwebPayload,
): ImportSource {
  return {
    readAhead: READ_AHEAD,
    async read(key): Promise<SourceItem> {
      const ref = parseDicomwebItemKey(key);
      const existing = await db
        .selectFrom('images')
        .select('id')
        .where('project_id', '=', projectId)
        .where('sop_instance_uid', '=', ref.sopInstanceUid)
        .executeTakeFirst();
      if (existing) return { kind: 'duplicate', imageId: existing.id };
      try {
        const bytes = await client.retrieveInstance(payload.studyInstanceUid, ref);
        return { kind: 'file', file: { name: ref.sopInstanceUid, bytes } };
      } catch (error) {
        if (!(error instanceof DicomwebError)) throw error;
        return { kind: 'failed', code: 'FETCH', reason: `${ref.sopInstanceUid}: ${error.message}` };
      }
    },
    close: async () => undefined,
  };
}

export function parseDicomwebPayload(text: string): DicomwebPayload {
  const payload = JSON.parse(text) as Partial<DicomwebPayload>;
  if (typeof payload.url !== 'string' || typeof payload.studyInstanceUid !== 'string')
    throw new DicomwebError('the job is not a DICOMweb import');
  return { url: payload.url, studyInstanceUid: payload.studyInstanceUid };
}
