import type { Readable } from 'node:stream';
import { parseDicom, text } from '@voxelhub/core';
import { zlibInflateRaw } from '@voxelhub/core/node';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/record-audit.js';
import { BlobError } from '../blobs/blob-error.js';
import type { BlobStore } from '../blobs/blob-store.js';
import { ApiError } from '../errors/api-error.js';
import type { ImportContext } from '../import/import-file.js';
import { importFile } from '../import/import-file.js';
import { projectParams } from '../projects/project-schemas.js';
import type { DatabaseSchema } from '../storage/schema.js';
import type { ProjectVault } from '../vault/project-vault.js';
import { type DicomwebContext, dicomwebContext } from './dicomweb-access.js';
import { studyParams } from './dicomweb-schemas.js';
import { multipartParameters, type ReadPart, readMultipart } from './multipart-reader.js';
import {
  FAILURE,
  type FailedReference,
  type StoredReference,
  storeResponse,
  storeStatus,
} from './store-response.js';

type Db = Kysely<DatabaseSchema>;

export interface StowRoutesOptions {
  readonly db: Db;
  readonly blobs: BlobStore;
  readonly vault?: ProjectVault;
  /** The largest request accepted (the server's upload limit); the blob store's own limit applies too. */
  readonly maxUploadBytes?: number;
}

/**
 * STOW-RS (PS3.18 10.5): POST /studies and /studies/{study} with a multipart/related body of
 * application/dicom parts. Each part is imported as the import job imports a file (importFile: checked,
 * stored content-addressed, idempotent), so a re-sent instance counts as stored. The body is validated
 * by the streaming reader (multipart-reader.ts), not a zod schema: it is binary and arrives as a stream.
 */
export async function stowRoutes(base: FastifyInstance, options: StowRoutesOptions): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  // The body stays a stream for the handler (scoped to the DICOMweb plugin).
  app.addContentTypeParser('multipart/related', (_request, payload, done) => done(null, payload));

  const schema = (summary: string, params: typeof projectParams | typeof studyParams) => ({
    tags: ['dicomweb'],
    summary: `STOW-RS: ${summary}`,
    description:
      'Body: multipart/related; type="application/dicom"; boundary=… (DICOM Part 10 files). Answers with the PS3.18 store response in DICOM JSON: 200 all stored, 202 some failed, 409 none stored.',
    params,
  });
  app.post(
    '/projects/:projectId/studies',
    { schema: schema('store instances', projectParams) },
    (request, reply) => store(request, reply, options, request.params.projectId, undefined),
  );
  app.post(
    '/projects/:projectId/studies/:study',
    { schema: schema('store instances of one study', studyParams) },
    (request, reply) =>
      store(request, reply, options, request.params.projectId, (request.params as { study: string }).study),
  );
}

/** Parts of one request imported at once; each holds its bytes in memory until it is stored. */
const PARTS_IN_FLIGHT = 4;

async function store(
  request: FastifyRequest,
  reply: FastifyReply,
  { db, blobs, vault, maxUploadBytes }: StowRoutesOptions,
  projectId: string,
  studyUid: string | undefined,
): Promise<FastifyReply> {
  const context = await dicomwebContext(db, request, projectId, 'images.import');
  const { boundary, type } = multipartParameters(request.headers['content-type']);
  if (type && type !== 'application/dicom')
    throw new ApiError('VALIDATION_FAILED', `STOW-RS here takes application/dicom parts, not ${type}`);
  const stored: StoredReference[] = [];
  const failed: FailedReference[] = [];
  const studies = new Set<string>();
  const limits = maxUploadBytes ? { maxPartBytes: maxUploadBytes, maxTotalBytes: maxUploadBytes } : {};
  const inFlight = new Set<Promise<void>>();
  try {
    let index = 0;
    for await (const part of readMultipart(request.body as Readable, { boundary, ...limits })) {
      const task = storePart(
        { db, blobs, ...(vault ? { vault } : {}) },
        context,
        part,
        ++index,
        studyUid,
      ).then((result) => {
        if ('reason' in result) failed.push(result);
        else {
          stored.push(result.stored);
          studies.add(result.studyUid);
        }
      });
      inFlight.add(task);
      void task.finally(() => inFlight.delete(task)).catch(() => {});
      // A few parts import while the next ones arrive: each waits on its own fsyncs, not on the others'.
      if (inFlight.size >= PARTS_IN_FLIGHT) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  } finally {
    await Promise.allSettled(inFlight);
    // Also when the body fails half-way (too large, cut short): the parts before it are stored.
    await recordAudit(db, {
      userId: context.access.userId,
      projectId,
      action: 'dicomweb.store',
      targetType: 'project',
      targetId: projectId,
      details: { stored: stored.length, failed: failed.length, studies: [...studies] },
    });
  }
  const onlyStudy = studyUid ?? (studies.size === 1 ? [...studies][0] : undefined);
  const body = storeResponse(onlyStudy && `${context.baseUrl}/studies/${onlyStudy}`, stored, failed);
  return reply
    .status(storeStatus(stored.length, failed.length))
    .type('application/dicom+json')
    .send(JSON.stringify(body));
}

/** One part: imported, or the reason it failed. */
async function storePart(
  ctx: ImportContext,
  context: DicomwebContext,
  part: ReadPart,
  index: number,
  studyUid: string | undefined,
): Promise<FailedReference | { stored: StoredReference; studyUid: string }> {
  const partType = part.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  const uids = headerUids(part.body);
  // Only DICOM instances: a PNG or NIfTI sent here would otherwise be imported as a standalone image.
  if ((partType && partType !== 'application/dicom') || !uids.sopInstanceUid)
    return { ...uids, reason: FAILURE.CANNOT_UNDERSTAND };
  if (studyUid && uids.studyUid !== studyUid) return { ...uids, reason: FAILURE.STUDY_MISMATCH };
  const outcome = await importPart(ctx, context.access.projectId, index, part.body);
  if (outcome.heldId) return { ...uids, reason: FAILURE.HELD_FOR_REVIEW };
  if (outcome.status === 'failed' || !outcome.imageId)
    return {
      ...uids,
      reason: outcome.code === 'NO_PIXEL_DATA' ? FAILURE.SOP_CLASS_NOT_SUPPORTED : outcome.reason,
    };
  return (
    (await storedReference(ctx.db, context, outcome.imageId)) ?? {
      ...uids,
      reason: FAILURE.CANNOT_UNDERSTAND,
    }
  );
}

async function importPart(ctx: ImportContext, projectId: string, index: number, bytes: Buffer) {
  try {
    const outcome = await importFile(ctx, projectId, { name: `stow-part-${index}.dcm`, bytes });
    return { ...outcome, reason: FAILURE.CANNOT_UNDERSTAND as number };
  } catch (error) {
    if (error instanceof BlobError && error.code === 'TOO_LARGE')
      return {
        status: 'failed' as const,
        code: undefined,
        imageId: undefined,
        reason: FAILURE.OUT_OF_RESOURCES as number,
      };
    throw error;
  }
}

/** The UIDs a failure item names, read from the part's header when it parses at all. */
function headerUids(bytes: Uint8Array): { sopClassUid?: string; sopInstanceUid?: string; studyUid?: string } {
  try {
    const { dataSet } = parseDicom(bytes, { untilPixelData: true, inflateRaw: zlibInflateRaw });
    return {
      sopClassUid: text(dataSet, 'x00080016'),
      sopInstanceUid: text(dataSet, 'x00080018'),
      studyUid: text(dataSet, 'x0020000d'),
    };
  } catch {
    return {};
  }
}

async function storedReference(db: Db, context: DicomwebContext, imageId: string) {
  const row = await db
    .selectFrom('images')
    .innerJoin('series', 'series.id', 'images.series_id')
    .innerJoin('studies', 'studies.id', 'series.study_id')
    .select([
      'images.sop_class_uid',
      'images.sop_instance_uid',
      'series.series_instance_uid',
      'studies.study_instance_uid',
    ])
    .where('images.id', '=', imageId)
    .executeTakeFirst();
  if (!row?.sop_instance_uid) return undefined;
  return {
    studyUid: row.study_instance_uid,
    stored: {
      sopClassUid: row.sop_class_uid,
      sopInstanceUid: row.sop_instance_uid,
      retrieveUrl: `${context.baseUrl}/studies/${row.study_instance_uid}/series/${row.series_instance_uid}/instances/${row.sop_instance_uid}`,
    },
  };
}
