import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnnotationPayload } from '@voxelhub/core/annotation';
import { labelMapFromNifti } from '@voxelhub/core/segmentation';
import type { ProjectAccess } from '../access/project-access.js';
import { selectHeads } from '../annotations/annotation-rows.js';
import { parseProjectSettings } from '../projects/project-settings.js';
import type { ProjectFixture } from '../test-support/project-fixture.js';
import { type DatasetImportOptions, importDatasetFolder } from './import-dataset-folder.js';
import { openDatasetFolder } from './staged-folder.js';

/** Test support: a fresh project per dataset (in the fixture's database), imported into as its manager. */

export async function newProject(f: ProjectFixture): Promise<ProjectAccess> {
  const projectId = randomUUID();
  await f.database.db
    .insertInto('projects')
    .values({
      id: projectId,
      name: `dataset-${projectId.slice(0, 8)}`,
      settings: '{}',
      require_deidentification: 0,
    })
    .execute();
  await f.database.db
    .insertInto('members')
    .values({ project_id: projectId, user_id: f.users.manager.id, role: 'manager' })
    .execute();
  return { projectId, userId: f.users.manager.id, role: 'manager', settings: parseProjectSettings('{}') };
}

const made: string[] = [];

/** A fresh folder for a dataset; removeTempFolders() removes them all (call it in afterAll). */
export function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'voxelhub-dataset-'));
  made.push(folder);
  return folder;
}

export function removeTempFolders(): void {
  for (const folder of made.splice(0)) rmSync(folder, { recursive: true, force: true });
}

export async function importFolder(
  f: ProjectFixture,
  access: ProjectAccess,
  root: string,
  options: DatasetImportOptions = {},
) {
  return importDatasetFolder(
    { db: f.database.db, blobs: f.blobs, vault: f.vault },
    access,
    await openDatasetFolder(root),
    options,
  );
}

export interface StoredAnnotation {
  readonly imageId: string | null;
  readonly seriesId: string | null;
  readonly label: string;
  readonly payload: AnnotationPayload;
}

/** The project's live annotations with their label's name. */
export async function annotationsOf(f: ProjectFixture, projectId: string): Promise<StoredAnnotation[]> {
  const rows = await selectHeads(f.database.db)
    .where('a.project_id', '=', projectId)
    .where('r.deleted', '=', 0)
    .execute();
  const labels = await f.database.db
    .selectFrom('labels')
    .select(['id', 'name'])
    .where('project_id', '=', projectId)
    .execute();
  const name = new Map(labels.map((l) => [l.id, l.name]));
  return rows.map((row) => ({
    imageId: row.image_id,
    seriesId: row.series_id,
    label: name.get(row.label_id) ?? row.label_id,
    payload: JSON.parse(row.payload) as AnnotationPayload,
  }));
}

/** A label-map annotation's voxels, as stored. */
export async function storedVoxels(
  f: ProjectFixture,
  payload: AnnotationPayload,
): Promise<Uint8Array | Uint16Array> {
  if (payload.type !== 'segmentation' || payload.data.representation !== 'labelMap')
    throw new Error(`not a label map: ${payload.type}`);
  return labelMapFromNifti(await f.blobs.getBytes(payload.data.blobKey)).map.voxels;
}

/** The project image a file of the folder became, found by its content hash. */
export async function imageOfFile(
  f: ProjectFixture,
  projectId: string,
  path: string,
): Promise<string | undefined> {
  const hash = createHash('sha256').update(readFileSync(path)).digest('hex');
  const row = await f.database.db
    .selectFrom('images')
    .select('id')
    .where('project_id', '=', projectId)
    .where('content_hash', '=', hash)
    .executeTakeFirst();
  return row?.id;
}
