import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import { type ConstraintKind, constraintViolation } from './constraint-violation.js';
import type { DatabaseSchema } from './schema.js';

/** Valid rows for schema tests, each with fresh ids and names so tests sharing a database don't collide. */

type Db = Kysely<DatabaseSchema>;

export const uid = (): string => `2.25.${BigInt(`0x${randomUUID().replaceAll('-', '')}`)}`;

export async function expectViolation(write: Promise<unknown>, kind: ConstraintKind): Promise<void> {
  const error = await write.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error, `expected a ${kind} violation, but the write succeeded`).toBeDefined();
  expect(constraintViolation(error), String(error)).toBe(kind);
}

export async function insertUser(db: Db): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('users')
    .values({ id, username: `user-${id}`, display_name: 'A User', password_hash: 'argon2id$x' })
    .execute();
  return id;
}

export async function insertProject(db: Db): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('projects')
    // Tests of other features import original files; de-identification's own tests turn it on.
    .values({ id, name: `project-${id}`, require_deidentification: 0 })
    .execute();
  return id;
}

export async function insertLabel(db: Db, projectId: string): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('labels')
    .values({ id, project_id: projectId, name: `liver-${id}`, type: 'mask', colour: '#aa3300' })
    .execute();
  return id;
}

/** A subject, study, series and one DICOM image in it. */
export async function insertDicomImage(db: Db, projectId: string) {
  const subjectId = randomUUID();
  const studyId = randomUUID();
  const seriesId = randomUUID();
  const imageId = randomUUID();
  const sopInstanceUid = uid();
  await db
    .insertInto('subjects')
    .values({ id: subjectId, project_id: projectId, pseudonym: subjectId })
    .execute();
  await db
    .insertInto('studies')
    .values({ id: studyId, project_id: projectId, subject_id: subjectId, study_instance_uid: uid() })
    .execute();
  await db
    .insertInto('series')
    .values({
      id: seriesId,
      project_id: projectId,
      study_id: studyId,
      series_instance_uid: uid(),
      modality: 'CT',
    })
    .execute();
  await db
    .insertInto('images')
    .values({
      id: imageId,
      project_id: projectId,
      series_id: seriesId,
      sop_instance_uid: sopInstanceUid,
      content_hash: randomUUID(),
      blob_key: 'a'.repeat(64),
      format: 'dicom',
    })
    .execute();
  return { subjectId, studyId, seriesId, imageId, sopInstanceUid };
}

/** An annotation on an image with its first revision, written together as the repositories will. */
export async function insertAnnotation(db: Db, projectId: string, imageId: string, userId: string) {
  const id = randomUUID();
  const labelId = await insertLabel(db, projectId);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('annotations')
      .values({
        id,
        project_id: projectId,
        image_id: imageId,
        label_id: labelId,
        created_by: userId,
        head_revision: 1,
      })
      .execute();
    await trx
      .insertInto('annotation_revisions')
      .values({
        annotation_id: id,
        revision: 1,
        author_id: userId,
        schema_version: 1,
        payload: '{"points":[]}',
      })
      .execute();
  });
  return { annotationId: id, labelId };
}
