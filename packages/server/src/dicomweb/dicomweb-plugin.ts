import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { requireUser } from '../auth/require-user.js';
import type { BlobStore } from '../blobs/blob-store.js';
import type { DatabaseSchema } from '../storage/schema.js';
import type { ProjectVault } from '../vault/project-vault.js';
import { qidoRoutes } from './qido-routes.js';
import { stowRoutes } from './stow-routes.js';
import { wadoRoutes } from './wado-routes.js';

export interface DicomwebOptions {
  readonly db: Kysely<DatabaseSchema>;
  readonly blobs: BlobStore;
  /** For projects that de-identify on import (STOW-RS imports like any import). */
  readonly vault?: ProjectVault;
  /** The largest STOW-RS request accepted (the configured upload limit, VOXELHUB_MAX_UPLOAD_MB). */
  readonly maxUploadBytes?: number | undefined;
}

/**
 * DICOMweb (DICOM PS3.18) over each project's DICOM instances, registered under /dicomweb: the base URL
 * of a project is /dicomweb/projects/:projectId, so that /dicomweb/projects/<id>/studies is a QIDO-RS
 * study search. Signed in as for the API (Bearer token or session cookie); project access as the
 * images routes have it ('images.read', and 'images.import' to store).
 */
export async function dicomwebPlugin(app: FastifyInstance, options: DicomwebOptions): Promise<void> {
  app.addHook('preHandler', requireUser);
  await app.register(qidoRoutes, { db: options.db });
  await app.register(wadoRoutes, { db: options.db, blobs: options.blobs });
  await app.register(stowRoutes, {
    db: options.db,
    blobs: options.blobs,
    ...(options.vault ? { vault: options.vault } : {}),
    ...(options.maxUploadBytes ? { maxUploadBytes: options.maxUploadBytes } : {}),
  });
}
