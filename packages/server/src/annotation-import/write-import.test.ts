import { randomUUID } from 'node:crypto';
import type { AnnotationPayload } from '@voxelhub/core/annotation';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ProjectAccess } from '../access/project-access.js';
import { parseProjectSettings } from '../projects/project-settings.js';
import { eachDialect } from '../storage/test-databases.js';
import { insertDicomImage } from '../storage/test-rows.js';
import { createProjectFixture, type ProjectFixture } from '../test-support/project-fixture.js';
import type { PlannedAnnotation } from './import-plan.js';
import { writeImport } from './write-import.js';

eachDialect('writing an import', (context) => {
  let f: ProjectFixture;
  let access: ProjectAccess;
  let imageId: string;
  beforeAll(async () => {
    f = await createProjectFixture(context.database);
    imageId = (await insertDicomImage(f.database.db, f.projectId)).imageId;
    access = {
      projectId: f.projectId,
      userId: f.users.manager.id,
      role: 'manager',
      settings: parseProjectSettings('{}'),
    };
  });
  afterAll(() => f.close());

  const landmark = (labelId: string): PlannedAnnotation => ({
    file: 'landmarks.csv',
    target: { imageId, seriesId: null },
    labelId,
    labelName: 'Apex',
    payload: {
      schemaVersion: 2,
      type: 'landmark',
      labelId,
      imageRef: { imageId, sliceIndex: 0 },
      data: { name: 'tip', point: { index: [1, 2, 0], patient: [1, 2, 0] } },
    } as AnnotationPayload,
  });

  it('writes nothing when an insert fails halfway: labels, annotations and audit roll back together', async () => {
    const label = {
      id: randomUUID(),
      name: 'Apex',
      type: 'point' as const,
      colour: '#808080',
      classification: null,
    };
    // The second annotation names a label that is not in the database: its insert fails after the
    // label and the first annotation were written in the same transaction.
    const write = writeImport(f.database.db, f.blobs, access, {
      labels: [label],
      annotations: [landmark(label.id), landmark(randomUUID())],
      audit: {},
    });
    await expect(write).rejects.toThrow();
    const db = f.database.db;
    expect(
      await db.selectFrom('labels').select('id').where('project_id', '=', f.projectId).execute(),
    ).toEqual([]);
    expect(
      await db.selectFrom('annotations').select('id').where('project_id', '=', f.projectId).execute(),
    ).toEqual([]);
    const audits = await db
      .selectFrom('audit_log')
      .select('action')
      .where('project_id', '=', f.projectId)
      .where('action', 'in', ['annotations.import', 'label.create'])
      .execute();
    expect(audits).toEqual([]);
  });

  it('writes labels, annotations and one audit row when every insert succeeds', async () => {
    const label = {
      id: randomUUID(),
      name: 'Apex',
      type: 'point' as const,
      colour: '#808080',
      classification: null,
    };
    await writeImport(f.database.db, f.blobs, access, {
      labels: [label],
      annotations: [landmark(label.id), landmark(label.id)],
      audit: { created: 2 },
    });
    const db = f.database.db;
    const rows = await db
      .selectFrom('annotations')
      .select(['label_id', 'created_by'])
      .where('project_id', '=', f.projectId)
      .execute();
    expect(rows).toEqual([
      { label_id: label.id, created_by: access.userId },
      { label_id: label.id, created_by: access.userId },
    ]);
    const audit = await db
      .selectFrom('audit_log')
      .select('details')
      .where('project_id', '=', f.projectId)
      .where('action', '=', 'annotations.import')
      .execute();
    expect(audit.map((a) => JSON.parse(a.details))).toEqual([{ created: 2 }]);
  });
});
