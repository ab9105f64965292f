import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { ANNOTATION_MODALITIES, seesOthersAnnotations } from '../access/annotation-visibility.js';
import { authorize, type ProjectAccess } from '../access/project-access.js';
import { requireUser } from '../auth/require-user.js';
import type { BlobStore } from '../blobs/blob-store.js';
import { ApiError } from '../errors/api-error.js';
import { projectParams } from '../projects/project-schemas.js';
import type { DatabaseSchema } from '../storage/schema.js';

type Db = Kysely<DatabaseSchema>;

const imageOutput = z.object({
  id: z.string(),
  format: z.string(),
  seriesId: z.string().nullable(),
  sopInstanceUid: z.string().nullable(),
  modality: z.string().nullable(),
  contentHash: z.string(),
  geometry: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});

const listQuery = z.object({
  seriesId: z.uuid().optional(),
  format: z.enum(['dicom', 'nifti', 'png', 'jpeg']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

const seriesOutput = z.object({
  id: z.string(),
  seriesInstanceUid: z.string(),
  modality: z.string().nullable(),
  description: z.string().nullable(),
  imageCount: z.number(),
});

const studyOutput = z.object({
  id: z.string(),
  studyInstanceUid: z.string(),
  subject: z.string(),
  studyDate: z.string().nullable(),
  description: z.string().nullable(),
  series: z.array(seriesOutput),
});

const imageParams = projectParams.extend({ imageId: z.uuid() });

/** Media types of the stored files, by import format. */
const MEDIA_TYPES: Readonly<Record<string, string>> = {
  dicom: 'application/dicom',
  nifti: 'application/octet-stream',
  png: 'image/png',
  jpeg: 'image/jpeg',
};

/**
 * What a project holds: studies with their series, images (paged), one image's facts and its stored file
 * (NIfTI, PNG and JPEG reach the viewer this way; DICOM also through DICOMweb).
 */
export async function imageRoutes(
  base: FastifyInstance,
  { db, blobs }: { db: Db; blobs: BlobStore },
): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.addHook('preHandler', requireUser);
  const tags = ['images'];

  app.get(
    '/projects/:projectId/studies',
    {
      schema: {
        tags,
        summary: 'The DICOM studies of a project, with their series',
        params: projectParams,
        response: { 200: z.object({ studies: z.array(studyOutput) }) },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.projectId, 'images.read');
      return { studies: await listStudies(db, access) };
    },
  );

  app.get(
    '/projects/:projectId/images',
    {
      schema: {
        tags,
        summary: 'The images of a project, in pages',
        params: projectParams,
        querystring: listQuery,
        response: { 200: z.object({ images: z.array(imageOutput), total: z.number() }) },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.projectId, 'images.read');
      const { seriesId, format, limit, offset } = request.query;
      const filtered = visibleImages(db, access)
        .$if(seriesId !== undefined, (q) => q.where('images.series_id', '=', seriesId ?? ''))
        .$if(format !== undefined, (q) => q.where('images.format', '=', format ?? ''));
      const [rows, count] = await Promise.all([
        filtered
          .selectAll('images')
          .select('series.modality')
          .orderBy('images.created_at')
          .orderBy('images.id')
          .limit(limit)
          .offset(offset)
          .execute(),
        filtered.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { images: rows.map(toImage), total: Number(count.n) };
    },
  );

  app.get(
    '/projects/:projectId/images/:imageId',
    {
      schema: { tags, summary: 'One image', params: imageParams, response: { 200: imageOutput } },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.projectId, 'images.read');
      return toImage(await findImage(db, access, request.params.imageId));
    },
  );

  app.get(
    '/projects/:projectId/images/:imageId/file',
    {
      schema: { tags, summary: 'The stored file of an image, as imported', params: imageParams },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.projectId, 'images.read');
      const image = await findImage(db, access, request.params.imageId);
      const stat = await blobs.stat(image.blob_key);
      if (!stat) throw new ApiError('INTERNAL', `the stored file of image ${image.id} is missing`);
      // Content-addressed bytes never change: a browser may keep them for good.
      return reply
        .header('content-type', MEDIA_TYPES[image.format] ?? 'application/octet-stream')
        .header('content-length', stat.size)
        .header('cache-control', 'private, max-age=31536000, immutable')
        .header('etag', `"${image.content_hash}"`)
        .send(await blobs.get(image.blob_key));
    },
  );
}

/** Images the caller may see: all but annotation instances (SEG, SR...) for blind annotators. */
function visibleImages(db: Db, access: ProjectAccess) {
  return db
    .selectFrom('images')
    .leftJoin('series', 'series.id', 'images.series_id')
    .where('images.project_id', '=', access.projectId)
    .$if(!seesOthersAnnotations(access), (q) =>
      q.where((eb) =>
        eb.or([eb('series.modality', 'is', null), eb('series.modality', 'not in', ANNOTATION_MODALITIES)]),
      ),
    );
}

async function findImage(db: Db, access: ProjectAccess, imageId: string) {
  const row = await visibleImages(db, access)
    .selectAll('images')
    .select('series.modality')
    .where('images.id', '=', imageId)
    .executeTakeFirst();
  if (!row) throw new ApiError('NOT_FOUND', `no image ${imageId} in this project`);
  return row;
}

function toImage(row: {
  id: string;
  format: string;
  series_id: string | null;
  sop_instance_uid: string | null;
  modality: string | null;
  content_hash: string;
  geometry: string;
  created_at: string;
}): z.infer<typeof imageOutput> {
  return {
    id: row.id,
    format: row.format,
    seriesId: row.series_id,
    sopInstanceUid: row.sop_instance_uid,
    modality: row.modality,
    contentHash: row.content_hash,
    geometry: JSON.parse(row.geometry) as Record<string, unknown>,
    createdAt: row.created_at,
  };
}

async function listStudies(db: Db, access: ProjectAccess) {
  const studies = await db
    .selectFrom('studies')
    .innerJoin('subjects', 'subjects.id', 'studies.subject_id')
    .select([
      'studies.id',
      'studies.study_instance_uid',
      'studies.study_date',
      'studies.description',
      'subjects.pseudonym',
    ])
    .where('studies.project_id', '=', access.projectId)
    .orderBy('studies.study_date')
    .orderBy('studies.id')
    .execute();
  const series = await db
    .selectFrom('series')
    .select((eb) => [
      'series.id',
      'series.study_id',
      'series.series_instance_uid',
      'series.modality',
      'series.description',
      eb
        .selectFrom('images')
        .select((c) => c.fn.countAll<number | string>().as('n'))
        .whereRef('images.series_id', '=', 'series.id')
        .as('image_count'),
    ])
    .where('series.project_id', '=', access.projectId)
    .$if(!seesOthersAnnotations(access), (q) =>
      q.where((eb) => eb.or([eb('modality', 'is', null), eb('modality', 'not in', ANNOTATION_MODALITIES)])),
    )
    .orderBy('series.id')
    .execute();
  return studies.map((study) => ({
    id: study.id,
    studyInstanceUid: study.study_instance_uid,
    subject: study.pseudonym,
    studyDate: study.study_date,
    description: study.description,
    series: series
      .filter((s) => s.study_id === study.id)
      .map((s) => ({
        id: s.id,
        seriesInstanceUid: s.series_instance_uid,
        modality: s.modality,
        description: s.description,
        imageCount: Number(s.image_count ?? 0),
      })),
  }));
}
