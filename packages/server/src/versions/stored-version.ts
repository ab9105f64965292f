import type { Kysely, Selectable } from 'kysely';
import type { BlobStore } from '../blobs/blob-store.js';
import { ApiError } from '../errors/api-error.js';
import type { DatabaseSchema, DatasetVersionsTable } from '../storage/schema.js';
import type { VersionManifest } from './version-manifest.js';

/** A dataset version as stored: its row, its manifest, and the manifest's bytes exactly as frozen. */
export interface StoredVersion {
  readonly row: Selectable<DatasetVersionsTable>;
  readonly manifest: VersionManifest;
  /** The canonical JSON whose SHA-256 is the version's content hash (shipped as manifest.json). */
  readonly manifestBytes: Uint8Array;
}

/** A version's row in a project; NOT_FOUND when the project has no such version. */
export async function loadVersionRow(
  db: Kysely<DatabaseSchema>,
  projectId: string,
  versionId: string,
): Promise<Selectable<DatasetVersionsTable>> {
  const row = await db
    .selectFrom('dataset_versions')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('id', '=', versionId)
    .executeTakeFirst();
  if (!row) throw new ApiError('NOT_FOUND', `no dataset version ${versionId} in this project`);
  return row;
}

/** Reads a version of a project and its manifest blob; NOT_FOUND when the project has no such version. */
export async function loadStoredVersion(
  db: Kysely<DatabaseSchema>,
  blobs: BlobStore,
  projectId: string,
  versionId: string,
): Promise<StoredVersion> {
  const row = await loadVersionRow(db, projectId, versionId);
  const manifestBytes = await blobs.getBytes(row.manifest_blob_key);
  const manifest = JSON.parse(new TextDecoder().decode(manifestBytes)) as VersionManifest;
  return { row, manifest, manifestBytes };
}
