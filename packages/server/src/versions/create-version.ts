import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { recordAudit } from '../audit/record-audit.js';
import type { BlobStore } from '../blobs/blob-store.js';
import { ApiError } from '../errors/api-error.js';
import { constraintViolation } from '../storage/constraint-violation.js';
import type { DatabaseSchema, DatasetVersionsTable, VersionSource } from '../storage/schema.js';
import { collectVersion } from './collect-version.js';
import { canonicalJson, manifestHash, type SplitSettings } from './version-manifest.js';

/** Letters, digits, '.', '_', '-' and spaces: version names go into file names and citations. */
export const VERSION_NAME_PATTERN = /^[A-Za-z0-9._\- ]+$/;

export interface CreateVersionInput {
  readonly projectId: string;
  /** Who froze it (null from the command line, where nobody is signed in). */
  readonly userId: string | null;
  readonly name: string;
  readonly note: string;
  readonly source: VersionSource;
  readonly splits: SplitSettings;
}

/**
 * Freezes the project's annotations of `source` with their splits into a named, content-hashed version:
 * the manifest goes into the blob store, the row and its audit entry into the database together.
 * CONFLICT when the project already has a version of that name. Used by the API and the CLI.
 */
export async function createVersion(
  db: Kysely<DatabaseSchema>,
  blobs: BlobStore,
  input: CreateVersionInput,
): Promise<Selectable<DatasetVersionsTable>> {
  const { projectId, userId, name, note, source } = input;
  const manifest = await collectVersion(db, projectId, source, input.splits);
  const contentHash = manifestHash(manifest);
  const put = await blobs.put(new TextEncoder().encode(canonicalJson(manifest)));
  const counts = {
    cases: manifest.cases.length,
    subjects: new Set(manifest.cases.map((c) => c.subjectId)).size,
    labels: manifest.labels.length,
    annotations: manifest.annotations.length,
    splits: Object.fromEntries(
      ['train', 'validation', 'test'].map((s) => [s, manifest.cases.filter((c) => c.split === s).length]),
    ),
  };
  const id = randomUUID();
  await db
    .transaction()
    .execute(async (trx) => {
      await trx
        .insertInto('dataset_versions')
        .values({
          id,
          project_id: projectId,
          name,
          note,
          source,
          content_hash: contentHash,
          manifest_blob_key: put.key,
          counts: JSON.stringify(counts),
          created_by: userId,
          created_at: new Date().toISOString(),
        })
        .execute();
      await recordAudit(trx, {
        userId,
        projectId,
        action: 'version.create',
        targetType: 'dataset_version',
        targetId: id,
        details: { name, source, contentHash, counts },
      });
    })
    .catch((error: unknown) => {
      if (constraintViolation(error) === 'unique')
        throw new ApiError('CONFLICT', `the project already has a version named '${name}'`);
      throw error;
    });
  return db.selectFrom('dataset_versions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}
