import { createHash, randomUUID } from 'node:crypto';
import { ImageReadError, type ReadErrorCode } from '@voxelhub/core';
import type { Kysely, Transaction } from 'kysely';
import type { BlobStore } from '../blobs/index.js';
import { type DeidentifiedImport, deidentifyImportFile } from '../deidentification/deidentify-import-file.js';
import { findHeld, holdImage } from '../deidentification/held-images.js';
import { loadImportPrivacy } from '../deidentification/import-privacy.js';
import { constraintViolation } from '../storage/constraint-violation.js';
import type { DatabaseSchema } from '../storage/schema.js';
import type { ProjectVault } from '../vault/project-vault.js';
import { ImportError, type ImportErrorCode } from './import-error.js';
import {
  type DicomFacts,
  type ImportFacts,
  type ImportFileInput,
  readImportFile,
} from './read-import-file.js';

export type { ImportFileInput } from './read-import-file.js';

export interface ImportContext {
  readonly db: Kysely<DatabaseSchema>;
  readonly blobs: BlobStore;
  /** Project keys and pseudonym mappings; needed to import into a project that requires de-identification. */
  readonly vault?: ProjectVault;
}

export type ImportStatus = 'imported' | 'duplicate' | 'failed';

export interface ImportOutcome {
  readonly status: ImportStatus;
  /** The new image, or the one already holding this SOP Instance UID or content. */
  readonly imageId?: string;
  /** Set instead of imageId when the image was stored but waits for review of burned-in text. */
  readonly heldId?: string;
  /** Why the file failed, naming it. */
  readonly reason?: string;
  readonly code?: ReadErrorCode | ImportErrorCode;
}

type Trx = Transaction<DatabaseSchema>;

/**
 * Imports one file into a project: DICOM instances under their subject, study and series (keyed by SOP
 * Instance UID), NIfTI/PNG/JPEG alone (keyed by content hash). Idempotent and safe to run concurrently:
 * the unique constraints on images decide which of several imports of one file wins; the others report
 * 'duplicate'. A user's bad file is an outcome ('failed'), never a throw; database and storage errors throw.
 */
export async function importFile(
  ctx: ImportContext,
  projectId: string,
  original: ImportFileInput,
): Promise<ImportOutcome> {
  const privacy = await loadImportPrivacy(ctx.db, ctx.vault, projectId);
  let prepared: DeidentifiedImport = { file: original, subjects: [] };
  let facts: ImportFacts;
  try {
    // De-identified before it is read, hashed or stored: what the database and the blob store see of a
    // project that requires de-identification is the de-identified file only.
    if (privacy) prepared = await deidentifyImportFile(original, privacy);
    facts = await readImportFile(prepared.file);
  } catch (error) {
    if (error instanceof ImageReadError || error instanceof ImportError)
      return { status: 'failed', code: error.code, reason: error.message };
    throw error;
  }
  const { file } = prepared;
  const contentHash = createHash('sha256').update(file.bytes).digest('hex');
  const sopInstanceUid = facts.format === 'dicom' ? facts.sopInstanceUid : null;
  // Fast path for a re-import: no blob write, no transaction. The constraints below still decide races.
  const existing = await findExisting(ctx.db, projectId, contentHash, sopInstanceUid);
  if (existing) return { status: 'duplicate', imageId: existing };
  if (prepared.held) {
    const heldBefore = await findHeld(ctx.db, projectId, contentHash);
    if (heldBefore) return { status: 'duplicate', heldId: heldBefore };
  }

  // The re-identification mapping is durable before the image is: an image acknowledged under a
  // pseudonym always has its mapping in the vault.
  if (privacy && prepared.subjects.length > 0)
    await privacy.vault.recordSubjects(projectId, prepared.subjects);

  // Content-addressed: if the transaction then fails, the blob is an unreferenced copy of real content
  // for garbage collection, never a wrong one.
  const blob = await ctx.blobs.put(file.bytes, { knownKey: contentHash });
  if (prepared.held) return holdImage(ctx.db, projectId, facts, contentHash, blob.key, prepared.held);
  return storeImage(ctx.db, projectId, facts, contentHash, blob.key);
}

/**
 * Records a stored blob as an image of the project, under its subject, study and series for DICOM.
 * Used by imports and by accepting a held image.
 */
export async function storeImage(
  db: Kysely<DatabaseSchema>,
  projectId: string,
  facts: ImportFacts,
  contentHash: string,
  blobKey: string,
): Promise<ImportOutcome> {
  const sopInstanceUid = facts.format === 'dicom' ? facts.sopInstanceUid : null;
  const imageId = randomUUID();
  try {
    await db.transaction().execute(async (trx) => {
      const seriesId = facts.format === 'dicom' ? await ensureSeries(trx, projectId, facts) : null;
      await trx
        .insertInto('images')
        .values({
          id: imageId,
          project_id: projectId,
          series_id: seriesId,
          sop_instance_uid: sopInstanceUid,
          content_hash: contentHash,
          blob_key: blobKey,
          format: facts.format,
          geometry: JSON.stringify(facts.geometry),
          ...(facts.format === 'dicom' ? facts.instance : {}),
        })
        .execute();
    });
  } catch (error) {
    // Another import of the same instance or content committed first; this transaction rolled back whole,
    // so any subject, study or series it created is gone too.
    const violated = constraintViolation(error);
    if (violated === 'foreign_key') throw projectNotFound(projectId, error);
    if (violated !== 'unique') throw error;
    const winner = await findExisting(db, projectId, contentHash, sopInstanceUid);
    if (!winner) throw error;
    return { status: 'duplicate', imageId: winner };
  }
  return { status: 'imported', imageId };
}

async function findExisting(
  db: Kysely<DatabaseSchema>,
  projectId: string,
  contentHash: string,
  sopInstanceUid: string | null,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('images')
    .select('id')
    .where('project_id', '=', projectId)
    .where((eb) =>
      sopInstanceUid === null
        ? eb('content_hash', '=', contentHash)
        : eb.or([eb('content_hash', '=', contentHash), eb('sop_instance_uid', '=', sopInstanceUid)]),
    )
    .executeTakeFirst();
  return row?.id;
}

/**
 * Finds or creates the subject, study and series of a DICOM instance. `on conflict do nothing` then a
 * select: a concurrent import inserting the same row makes this insert wait for it (PostgreSQL) and then
 * find it, where a plain insert would abort the whole transaction.
 */
async function ensureSeries(trx: Trx, projectId: string, facts: DicomFacts): Promise<string> {
  // Most instances arrive into a series that exists (its subject and study then exist too, by the foreign
  // keys): one read instead of the three inserts and three reads below.
  const known = await trx
    .selectFrom('series')
    .select('id')
    .where('project_id', '=', projectId)
    .where('series_instance_uid', '=', facts.seriesInstanceUid)
    .executeTakeFirst();
  if (known) return known.id;
  // In a project that requires de-identification the Patient ID is already the subject's keyed
  // pseudonym; otherwise it is the Patient ID as found. Files without one get a subject per study rather
  // than all sharing one.
  const pseudonym = facts.patientId?.trim() || `no-patient-id:${facts.studyInstanceUid}`;
  await trx
    .insertInto('subjects')
    .values({ id: randomUUID(), project_id: projectId, pseudonym })
    .onConflict((oc) => oc.columns(['project_id', 'pseudonym']).doNothing())
    .execute();
  const subject = await trx
    .selectFrom('subjects')
    .select('id')
    .where('project_id', '=', projectId)
    .where('pseudonym', '=', pseudonym)
    .executeTakeFirstOrThrow();

  await trx
    .insertInto('studies')
    .values({
      id: randomUUID(),
      project_id: projectId,
      subject_id: subject.id,
      study_instance_uid: facts.studyInstanceUid,
      study_date: facts.studyDate,
      description: facts.studyDescription,
      ...facts.study,
    })
    .onConflict((oc) => oc.columns(['project_id', 'study_instance_uid']).doNothing())
    .execute();
  const study = await trx
    .selectFrom('studies')
    .select('id')
    .where('project_id', '=', projectId)
    .where('study_instance_uid', '=', facts.studyInstanceUid)
    .executeTakeFirstOrThrow();

  await trx
    .insertInto('series')
    .values({
      id: randomUUID(),
      project_id: projectId,
      study_id: study.id,
      series_instance_uid: facts.seriesInstanceUid,
      modality: facts.modality,
      description: facts.seriesDescription,
      ...facts.series,
    })
    .onConflict((oc) => oc.columns(['project_id', 'series_instance_uid']).doNothing())
    .execute();
  const series = await trx
    .selectFrom('series')
    .select('id')
    .where('project_id', '=', projectId)
    .where('series_instance_uid', '=', facts.seriesInstanceUid)
    .executeTakeFirstOrThrow();
  return series.id;
}

/** The only reference an import writes that can dangle: the project's. */
export function projectNotFound(projectId: string, cause: unknown): ImportError {
  return new ImportError('PROJECT_NOT_FOUND', `no project has id ${projectId}`, { cause });
}
