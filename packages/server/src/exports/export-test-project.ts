import { expect } from 'vitest';
import { insertTypedLabel, maskPayload } from '../annotations/annotation-test-data.js';
import { importFile } from '../import/import-file.js';
import type { ProjectFixture } from '../test-support/project-fixture.js';

/** The demo's chest radiograph is DX_SIZE × DX_SIZE pixels. */
const DX_SIZE = 512;

/**
 * Test data for the export job and routes: the demo's chest radiograph imported into the fixture's
 * project, a mask on it drawn by the annotator and approved by the reviewer, and a version of the
 * approved annotations frozen by the manager through the API. Returns the version's id and name.
 */
export async function seedExportableVersion(
  f: ProjectFixture,
  versionName = 'v1',
): Promise<{ versionId: string; imageId: string }> {
  const { generateDemoDataset } = await import('@voxelhub/core/demo');
  const file = generateDemoDataset().files.find((candidate) => candidate.name.startsWith('dx/'));
  if (!file) throw new Error('the demo dataset has no radiograph');
  const outcome = await importFile({ db: f.database.db, blobs: f.blobs, vault: f.vault }, f.projectId, {
    name: file.name,
    bytes: file.bytes,
  });
  expect(outcome.status).toBe('imported');
  const image = await f.database.db
    .selectFrom('images')
    .select('id')
    .where('project_id', '=', f.projectId)
    .executeTakeFirstOrThrow();
  const labelId = await insertTypedLabel(f.database.db, f.projectId, 'mask');
  const url = (rest: string) => `/api/projects/${f.projectId}${rest}`;
  const created = await f.as('annotator', {
    method: 'POST',
    url: url('/annotations'),
    // Stripes 16 rows high: background, mask, background, …
    payload: {
      labelId,
      imageId: image.id,
      payload: maskPayload(labelId, image.id, DX_SIZE, DX_SIZE, DX_SIZE * 16),
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  const annotation = created.json().annotation as { id: string; revision: number };
  const reviewed = await f.as('reviewer', {
    method: 'POST',
    url: url('/reviews'),
    payload: { annotationId: annotation.id, annotationRevision: annotation.revision, decision: 'approved' },
  });
  expect(reviewed.statusCode, reviewed.body).toBe(201);
  const version = await f.as('manager', {
    method: 'POST',
    url: url('/versions'),
    payload: { name: versionName, source: 'approved', note: 'for the export tests' },
  });
  expect(version.statusCode, version.body).toBe(201);
  return { versionId: version.json().version.id as string, imageId: image.id };
}
