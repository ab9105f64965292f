import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import {
  JOB_ITEM_STATES,
  JOB_STATES,
  REVIEW_DECISIONS,
  type ReviewDecision,
  TASK_STATUSES,
  type TaskStatus,
} from './schema.js';
import { eachDialect } from './test-databases.js';
import {
  expectViolation,
  insertAnnotation,
  insertDicomImage,
  insertProject,
  insertUser,
  uid,
} from './test-rows.js';

eachDialect('schema: imaging, annotation, jobs, audit', (context) => {
  const db = () => context.database.db;

  it('keeps SOP Instance UIDs and content hashes unique per project, not across projects', async () => {
    const projectId = await insertProject(db());
    const { seriesId, sopInstanceUid } = await insertDicomImage(db(), projectId);
    const image = { project_id: projectId, series_id: seriesId, blob_key: 'b'.repeat(64), format: 'dicom' };
    await expectViolation(
      db()
        .insertInto('images')
        .values({ ...image, id: randomUUID(), sop_instance_uid: sopInstanceUid, content_hash: randomUUID() })
        .execute(),
      'unique',
    );
    const hash = randomUUID();
    // Standalone files (no series, no SOP UID): many may lack a UID, but not share content.
    const standalone = { ...image, series_id: null, format: 'nifti', content_hash: hash };
    await db()
      .insertInto('images')
      .values({ ...standalone, id: randomUUID() })
      .execute();
    await db()
      .insertInto('images')
      .values({ ...standalone, id: randomUUID(), content_hash: randomUUID() })
      .execute();
    await expectViolation(
      db()
        .insertInto('images')
        .values({ ...standalone, id: randomUUID() })
        .execute(),
      'unique',
    );
    const otherProject = await insertProject(db());
    await db()
      .insertInto('images')
      .values({ ...standalone, id: randomUUID(), project_id: otherProject, sop_instance_uid: sopInstanceUid })
      .execute();
  });

  it('refuses a study of an unknown subject and a duplicate pseudonym', async () => {
    const projectId = await insertProject(db());
    const { subjectId } = await insertDicomImage(db(), projectId);
    await expectViolation(
      db()
        .insertInto('studies')
        .values({
          id: randomUUID(),
          project_id: projectId,
          subject_id: randomUUID(),
          study_instance_uid: uid(),
        })
        .execute(),
      'foreign_key',
    );
    await expectViolation(
      db()
        .insertInto('subjects')
        .values({ id: randomUUID(), project_id: projectId, pseudonym: subjectId })
        .execute(),
      'unique',
    );
  });

  it('accepts tasks in each status on exactly one target, and refuses other statuses', async () => {
    const projectId = await insertProject(db());
    const { imageId, seriesId } = await insertDicomImage(db(), projectId);
    const task = { project_id: projectId, image_id: imageId };
    for (const status of TASK_STATUSES)
      await db()
        .insertInto('tasks')
        .values({ ...task, id: randomUUID(), status })
        .execute();
    const bad = { ...task, id: randomUUID(), status: 'paused' as string as TaskStatus };
    await expectViolation(db().insertInto('tasks').values(bad).execute(), 'check');
    const both = { ...task, id: randomUUID(), series_id: seriesId };
    await expectViolation(db().insertInto('tasks').values(both).execute(), 'check');
    const neither = { project_id: projectId, id: randomUUID() };
    await expectViolation(db().insertInto('tasks').values(neither).execute(), 'check');
  });

  it('keeps annotation revisions unique per annotation, ordered, JSON, and append-only', async () => {
    const projectId = await insertProject(db());
    const userId = await insertUser(db());
    const { imageId } = await insertDicomImage(db(), projectId);
    const { annotationId } = await insertAnnotation(db(), projectId, imageId, userId);
    const revision = {
      annotation_id: annotationId,
      author_id: userId,
      schema_version: 1,
      payload: '{"points":[[1,2]]}',
    };
    await expectViolation(
      db()
        .insertInto('annotation_revisions')
        .values({ ...revision, revision: 1 })
        .execute(),
      'unique',
    );
    await expectViolation(
      db()
        .insertInto('annotation_revisions')
        .values({ ...revision, revision: 2, base_revision: 2 })
        .execute(),
      'check',
    );
    await expectViolation(
      db()
        .insertInto('annotation_revisions')
        .values({ ...revision, revision: 2, payload: 'points' })
        .execute(),
      'check',
    );
    await db()
      .insertInto('annotation_revisions')
      .values({ ...revision, revision: 2, base_revision: 1, deleted: 1 })
      .execute();
    await expectViolation(
      db()
        .updateTable('annotation_revisions')
        .set({ payload: '{}' })
        .where('annotation_id', '=', annotationId)
        .execute(),
      'append_only',
    );
    const rows = await db()
      .selectFrom('annotation_revisions')
      .select(['revision', 'base_revision', 'deleted', 'payload'])
      .where('annotation_id', '=', annotationId)
      .orderBy('revision')
      .execute();
    expect(rows).toEqual([
      { revision: 1, base_revision: null, deleted: 0, payload: '{"points":[]}' },
      { revision: 2, base_revision: 1, deleted: 1, payload: '{"points":[[1,2]]}' },
    ]);
  });

  it('refuses to delete a label that annotations use, and an annotation with an unknown label', async () => {
    const projectId = await insertProject(db());
    const userId = await insertUser(db());
    const { imageId } = await insertDicomImage(db(), projectId);
    const { labelId } = await insertAnnotation(db(), projectId, imageId, userId);
    await expectViolation(db().deleteFrom('labels').where('id', '=', labelId).execute(), 'foreign_key');
    const annotation = {
      id: randomUUID(),
      project_id: projectId,
      image_id: imageId,
      created_by: userId,
      head_revision: 1,
    };
    await expectViolation(
      db()
        .insertInto('annotations')
        .values({ ...annotation, label_id: randomUUID() })
        .execute(),
      'foreign_key',
    );
  });

  it('records reviews of annotations with a known decision only', async () => {
    const projectId = await insertProject(db());
    const userId = await insertUser(db());
    const { imageId } = await insertDicomImage(db(), projectId);
    const { annotationId } = await insertAnnotation(db(), projectId, imageId, userId);
    const review = {
      project_id: projectId,
      annotation_id: annotationId,
      annotation_revision: 1,
      reviewer_id: userId,
    };
    for (const decision of REVIEW_DECISIONS)
      await db()
        .insertInto('reviews')
        .values({ ...review, id: randomUUID(), decision })
        .execute();
    const bad = { ...review, id: randomUUID(), decision: 'maybe' as string as ReviewDecision };
    await expectViolation(db().insertInto('reviews').values(bad).execute(), 'check');
  });

  it('tracks jobs and their items, refusing impossible progress and unknown states', async () => {
    const jobId = randomUUID();
    await db().insertInto('jobs').values({ id: jobId, kind: 'import', payload: '{"files":2}' }).execute();
    const job = await db().selectFrom('jobs').selectAll().where('id', '=', jobId).executeTakeFirstOrThrow();
    expect(job).toMatchObject({
      state: 'queued',
      progress_done: 0,
      progress_total: null,
      attempts: 0,
      result: null,
    });
    for (const state of JOB_STATES)
      await db().insertInto('jobs').values({ id: randomUUID(), kind: 'import', state }).execute();
    await expectViolation(
      db().updateTable('jobs').set({ progress_total: 2, progress_done: 3 }).where('id', '=', jobId).execute(),
      'check',
    );
    for (const state of JOB_ITEM_STATES) {
      await db()
        .insertInto('job_items')
        .values({ job_id: jobId, item_key: `a/${state}.dcm`, state })
        .execute();
    }
    await expectViolation(
      db().insertInto('job_items').values({ job_id: jobId, item_key: 'a/done.dcm' }).execute(),
      'unique',
    );
    await db().deleteFrom('jobs').where('id', '=', jobId).execute();
    expect(await db().selectFrom('job_items').where('job_id', '=', jobId).selectAll().execute()).toEqual([]);
  });

  it('keeps audit entries of users and projects that no longer exist', async () => {
    const id = randomUUID();
    const details = JSON.stringify({ from: 'annotator', to: 'reviewer' });
    const entry = {
      id,
      user_id: randomUUID(),
      project_id: randomUUID(),
      action: 'member.role',
      target_type: 'member',
      details,
    };
    await db().insertInto('audit_log').values(entry).execute();
    const row = await db().selectFrom('audit_log').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ ...entry, target_id: null });
    expect(JSON.parse(row.details)).toEqual({ from: 'annotator', to: 'reviewer' });
  });
});
