import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { authorize } from '../access/project-access.js';
import { recordAudit } from '../audit/record-audit.js';
import { requireUser } from '../auth/require-user.js';
import { BlobError } from '../blobs/blob-error.js';
import { blobKeySchema } from '../blobs/blob-key.js';
import type { BlobStore } from '../blobs/blob-store.js';
import { ApiError } from '../errors/api-error.js';
import type { DatabaseSchema } from '../storage/schema.js';
import { findVisibleLabelMap, recordLabelMapUpload } from './annotation-blob-rows.js';
import { type InspectionOutcome, inspectedUpload } from './inspected-upload.js';
import { LabelMapInspector } from './label-map-inspector.js';

/** The largest label-map upload unless the server's upload limit is lower. */
export const LABEL_MAP_MAX_BYTES = 512 * 1024 * 1024;

/**
 * How much a gzipped label map may expand: a sparse mask compresses very well, but a header that
 * declares gigabytes of voxels is refused before they are decompressed (and counted) for nothing.
 */
const MAX_DECOMPRESSED_RATIO = 8;

export interface AnnotationBlobRoutesOptions {
  readonly db: Kysely<DatabaseSchema>;
  readonly blobs: BlobStore;
  /** Bytes as sent (gzipped or not); default LABEL_MAP_MAX_BYTES. */
  readonly maxBytes?: number;
}

const projectParams = z.object({ projectId: z.string().min(1) });
const blobParams = projectParams.extend({ blobKey: blobKeySchema });
const uploaded = z.object({
  blobKey: z.string().describe('the SHA-256 of the bytes sent; name it in a labelMap segmentation'),
  size: z.number().int().describe('bytes stored (as sent, so gzipped if it was)'),
  dims: z.tuple([z.number().int(), z.number().int(), z.number().int()]).describe('the voxel grid'),
});

const UPLOAD_TYPES = ['application/octet-stream', 'application/gzip'];

/**
 * Label maps of segmentations as blobs: POST a NIfTI (.nii or .nii.gz bytes), checked while it streams
 * into the blob store, then name its key in a `labelMap` segmentation payload; GET it back.
 */
export async function annotationBlobRoutes(
  base: FastifyInstance,
  options: AnnotationBlobRoutesOptions,
): Promise<void> {
  const { db, blobs } = options;
  const maxBytes = options.maxBytes ?? LABEL_MAP_MAX_BYTES;
  // The body is streamed into the blob store, not parsed; Fastify's bodyLimit does not apply to it.
  base.addContentTypeParser(UPLOAD_TYPES, (_request, payload, done) => done(null, payload));
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.addHook('preHandler', requireUser);
  const tags = ['annotation-blobs'];

  app.post(
    '/projects/:projectId/annotation-blobs',
    {
      schema: {
        tags,
        summary: 'Upload a segmentation label map (NIfTI, optionally gzipped); answers 201 with its key',
        description: `The raw bytes of a single-file NIfTI-1 or NIfTI-2 (.nii, or .nii.gz) as application/octet-stream: integer voxels (uint8, int16, uint16...), 3D, exactly as many bytes as the header declares (400 VALIDATION_FAILED otherwise). At most ${maxBytes} bytes as sent (413 PAYLOAD_TOO_LARGE). Sending the same bytes again answers the same key.`,
        consumes: UPLOAD_TYPES,
        params: projectParams,
        response: { 201: uploaded },
      },
    },
    async (request, reply) => {
      // Before a byte of the body is read: nothing is stored for callers who may not annotate.
      const access = await authorize(db, request, request.params.projectId, 'annotations.write');
      const declared = Number(request.headers['content-length']);
      if (declared > maxBytes) throw tooLarge(maxBytes);
      // Any other media type was parsed by Fastify (JSON, text) and is not a label map.
      if (!(request.body instanceof Readable))
        throw new ApiError('VALIDATION_FAILED', 'send the label map as application/octet-stream');
      const body = request.body as IncomingMessage;
      const outcome: InspectionOutcome = {};
      const inspector = new LabelMapInspector(maxBytes * MAX_DECOMPRESSED_RATIO);
      // Not destroyed when a check fails mid-way, so that the client still reads the 400 (then the
      // connection is closed rather than the rest of a refused upload read).
      const source = body.iterator({ destroyOnReturn: false });
      const stored = await blobs
        .put(inspectedUpload(source, inspector, outcome), { maxBytes })
        .catch((error: unknown) => {
          if (!body.complete) void reply.header('connection', 'close');
          throw error instanceof BlobError && error.code === 'TOO_LARGE' ? tooLarge(maxBytes) : error;
        });
      const dims = outcome.dims;
      if (!dims) throw new ApiError('INTERNAL', 'the label map was stored without being inspected');
      await recordLabelMapUpload(db, {
        projectId: access.projectId,
        blobKey: stored.key,
        uploadedBy: access.userId,
        size: stored.size,
        dims,
      });
      await recordAudit(db, {
        userId: access.userId,
        projectId: access.projectId,
        action: 'annotation-blob.upload',
        targetType: 'blob',
        targetId: stored.key,
        details: { size: stored.size, dims },
      });
      return reply.status(201).send({ blobKey: stored.key, size: stored.size, dims });
    },
  );

  app.get(
    '/projects/:projectId/annotation-blobs/:blobKey',
    {
      schema: {
        tags,
        summary: 'The bytes of a label map, as uploaded',
        description:
          'application/octet-stream, cacheable for good (content-addressed). 404 when the key was not uploaded to this project or was uploaded by another reader that a blind annotator may not see.',
        params: blobParams,
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.projectId, 'project.read');
      const { blobKey } = request.params;
      const found = await findVisibleLabelMap(db, access, blobKey);
      if (!found) throw new ApiError('NOT_FOUND', `no label map ${blobKey} in this project`);
      const stream = await blobs.get(blobKey).catch((error: unknown) => {
        if (error instanceof BlobError && error.code === 'NOT_FOUND')
          throw new ApiError('INTERNAL', `the stored bytes of label map ${blobKey} are missing`);
        throw error;
      });
      return reply
        .header('content-type', 'application/octet-stream')
        .header('content-length', found.size)
        .header('cache-control', 'private, max-age=31536000, immutable')
        .header('etag', `"${blobKey}"`)
        .send(stream);
    },
  );
}

function tooLarge(maxBytes: number): ApiError {
  return new ApiError(
    'PAYLOAD_TOO_LARGE',
    `a label map may be at most ${maxBytes} bytes as sent (the smaller of 512 MB and VOXELHUB_MAX_UPLOAD_MB)`,
  );
}
