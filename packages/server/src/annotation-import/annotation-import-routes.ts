import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { authorize } from '../access/project-access.js';
import { requireUser } from '../auth/require-user.js';
import type { BlobStore } from '../blobs/blob-store.js';
import { ApiError } from '../errors/api-error.js';
import type { DatabaseSchema } from '../storage/schema.js';
import { zipLimits } from '../uploads/zip-archive.js';
import { annotationImportReport } from './annotation-import-report.js';
import { IMPORT_FORMATS, type ImportFormat } from './import-format.js';
import { receiveImportUpload } from './receive-import-upload.js';
import { runAnnotationImport } from './run-annotation-import.js';
import { unpackImportFiles } from './unpack-import-files.js';

/** The largest import unless the server's upload limit is lower (everything unpacked is held in memory). */
export const ANNOTATION_IMPORT_MAX_BYTES = 512 * 1024 * 1024;

export interface AnnotationImportRoutesOptions {
  readonly db: Kysely<DatabaseSchema>;
  readonly blobs: BlobStore;
  /** Where the upload is written while it is read (<data>/uploads); default the system's temp folder. */
  readonly stagingRoot?: string;
  readonly maxBytes?: number;
}

function formatField(value: string | undefined): ImportFormat | undefined {
  if (value === undefined || value === '' || value === 'auto') return undefined;
  if ((IMPORT_FORMATS as readonly string[]).includes(value)) return value as ImportFormat;
  throw new ApiError(
    'VALIDATION_FAILED',
    `format "${value}" is not one of auto, ${IMPORT_FORMATS.join(', ')}`,
  );
}

const yes = (value: string | undefined) => value === 'true' || value === '1' || value === 'on';

/** POST /api/projects/:projectId/annotation-imports: existing labels in a known format, as annotations. */
export async function annotationImportRoutes(
  base: FastifyInstance,
  options: AnnotationImportRoutesOptions,
): Promise<void> {
  const { db, blobs } = options;
  const maxBytes = options.maxBytes ?? ANNOTATION_IMPORT_MAX_BYTES;
  const stagingRoot = options.stagingRoot ?? join(tmpdir(), 'voxelhub-annotation-imports');
  await base.register(multipart, {
    // Two files admitted so that a second one is refused with a message, not dropped without one.
    limits: { fileSize: maxBytes, files: 2, parts: 20, fields: 10, fieldSize: 1024 },
    throwFileSizeLimit: false,
  });
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.addHook('preHandler', requireUser);

  app.post(
    '/projects/:projectId/annotation-imports',
    {
      schema: {
        tags: ['annotations'],
        summary: 'Import annotations from COCO, YOLO, nnU-Net, Decathlon, NIfTI, DICOM SEG/SR, CSV or JSON',
        description: `multipart/form-data with one file part (a .zip of an export folder, or one COCO .json, DICOM SEG/SR .dcm, .nii/.nii.gz label map or .csv) and optional fields \`format\` (auto, ${IMPORT_FORMATS.join(', ')}) and \`dryRun\` (true: report only). Cases match by the archive's manifest.json, then DICOM UIDs, then image or series id; labels by name. Everything is written in one transaction or nothing is; 400 names a file that cannot be read. At most ${maxBytes} bytes (413). See docs/import-annotations.md.`,
        consumes: ['multipart/form-data'],
        params: z.object({ projectId: z.string().min(1) }),
        response: { 200: annotationImportReport, 201: annotationImportReport },
      },
    },
    async (request, reply) => {
      // Importing creates annotations authored by the caller, exactly as drawing them would, so it takes
      // the same right (annotations.write: annotators too, for their own work; blind-reading rules apply to
      // what they import as to what they draw). Adding missing labels is a schema change and additionally
      // needs labels.manage; without it the items naming them are reported instead.
      const access = await authorize(db, request, request.params.projectId, 'annotations.write');
      if (!request.isMultipart())
        throw new ApiError('VALIDATION_FAILED', 'send the file as multipart/form-data');
      const received = await receiveImportUpload(request.parts(), stagingRoot, maxBytes);
      try {
        const format = formatField(received.fields.format);
        const files = await unpackImportFiles(received.path, received.name, zipLimits(maxBytes));
        const report = await runAnnotationImport({ db, blobs }, access, {
          files,
          dryRun: yes(received.fields.dryRun),
          ...(format ? { format } : {}),
        });
        return reply.status(report.dryRun ? 200 : 201).send(report);
      } finally {
        await rm(received.dir, { recursive: true, force: true });
      }
    },
  );
}
