import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../main.js';
import { capturedRun } from '../test-support/captured-run.js';

/**
 * `voxelhub export` on a data folder (no server): the demo's chest radiograph with a mask on it, frozen
 * into a version from the command line, then written as nnU-Net into a folder and as a zip.
 */

const work = mkdtempSync(join(tmpdir(), 'voxelhub-export-cli-'));
const data = join(work, 'data');
const PROJECT = 'Chest';
const SIZE = 512;
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(...argv: string[]) {
  return capturedRun(() => main(argv));
}

/** Stripes 16 rows high, alternately background and mask (a segmentation payload's inline RLE). */
function stripedMask(labelId: string, imageId: string) {
  const runs = Array.from({ length: SIZE / 16 }, () => SIZE * 16);
  return {
    schemaVersion: 1,
    type: 'segmentation',
    labelId,
    imageRef: { imageId, sliceIndex: 0 },
    data: {
      representation: 'rle',
      mask: { width: SIZE, height: SIZE, runs },
      segment: { index: 1, labelId, name: 'lung', colour: '#4f9dde', locked: false },
    },
  };
}

beforeAll(async () => {
  const server = await import('@voxelhub/server');
  const opened = await server.openServerData(server.loadConfig({}, ['--data-dir', data], work));
  try {
    const db = opened.database.db;
    const projectId = randomUUID();
    await db
      .insertInto('projects')
      .values({ id: projectId, name: PROJECT, require_deidentification: 0 })
      .execute();
    const { generateDemoDataset } = await import('@voxelhub/core/demo');
    const file = generateDemoDataset().files.find((f) => f.name.startsWith('dx/'))!;
    const outcome = await server.importFile({ db, blobs: opened.blobs, vault: opened.vault }, projectId, {
      name: file.name,
      bytes: file.bytes,
    });
    expect(outcome.status).toBe('imported');
    const image = await db
      .selectFrom('images')
      .select('id')
      .where('project_id', '=', projectId)
      .executeTakeFirstOrThrow();
    const labelId = randomUUID();
    await db
      .insertInto('labels')
      .values({ id: labelId, project_id: projectId, name: 'Lung', type: 'mask', colour: '#4f9dde' })
      .execute();
    const userId = randomUUID();
    await db
      .insertInto('users')
      .values({ id: userId, username: 'reader', display_name: 'Reader', password_hash: null })
      .execute();
    const annotationId = randomUUID();
    await db
      .insertInto('annotations')
      .values({
        id: annotationId,
        project_id: projectId,
        image_id: image.id,
        label_id: labelId,
        created_by: userId,
        head_revision: 1,
      })
      .execute();
    await db
      .insertInto('annotation_revisions')
      .values({
        annotation_id: annotationId,
        revision: 1,
        author_id: userId,
        schema_version: 1,
        payload: JSON.stringify(stripedMask(labelId, image.id)),
      })
      .execute();
  } finally {
    await opened.close();
  }
}, 120_000);

describe('voxelhub export', () => {
  it('lists the formats', async () => {
    const r = await run('export', '--list-formats');
    expect(r.code).toBe(0);
    for (const format of ['coco', 'nnunet', 'dicom-seg', 'tables']) expect(r.stdout).toContain(format);
    expect(r.stdout).toContain('nnU-Net v2 raw dataset');
  });

  it('freezes a version from the command line', async () => {
    const r = await run(
      'export',
      '--project',
      PROJECT,
      '--create-version',
      'v1',
      '--source',
      'all',
      '--data-dir',
      data,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/created version 'v1' .*1 cases, 1 annotations, content hash [0-9a-f]{64}/);
    const again = await run(
      'export',
      '--project',
      PROJECT,
      '--create-version',
      'v1',
      '--source',
      'all',
      '--data-dir',
      data,
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("already has a version named 'v1'");
  });

  it('writes nnU-Net files into a new folder', async () => {
    const out = join(work, 'nnunet');
    const r = await run(
      'export',
      '--project',
      PROJECT,
      '--version',
      'v1',
      '--format',
      'nnunet',
      '-o',
      out,
      '--data-dir',
      data,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("exported 'Chest' version 'v1' as nnunet: 1 cases");
    const files = readdirSync(out, { recursive: true }).map(String);
    const datasetJson = files.find((f) => f.endsWith('dataset.json'));
    expect(datasetJson).toBeDefined();
    expect(JSON.parse(readFileSync(join(out, datasetJson!), 'utf8'))).toMatchObject({
      numTraining: expect.any(Number),
    });
    expect(files.some((f) => /_0000\.nii\.gz$/.test(f))).toBe(true);
  });

  it('names the nnU-Net channel as asked, and only for nnunet and msd', async () => {
    const out = join(work, 'nnunet-ct');
    const args = [
      'export',
      '--project',
      PROJECT,
      '--version',
      'v1',
      '--data-dir',
      data,
      '--channel-name',
      'CT',
    ];
    const r = await run(...args, '--format', 'nnunet', '-o', out);
    expect(r.code, r.stderr).toBe(0);
    const datasetJson = readdirSync(out, { recursive: true })
      .map(String)
      .find((f) => f.endsWith('dataset.json'))!;
    expect(JSON.parse(readFileSync(join(out, datasetJson), 'utf8')).channel_names).toEqual({ '0': 'CT' });
    const coco = await run(...args, '--format', 'coco', '-o', join(work, 'coco-ct'));
    expect(coco.code).toBe(1);
    expect(coco.stderr).toContain("'--channel-name' goes with the nnunet and msd formats, not coco");
  });

  it('writes a zip when the output ends in .zip, and leaves nothing else behind', async () => {
    const zip = join(work, 'zips', 'chest.zip');
    mkdirSync(join(work, 'zips'));
    const r = await run(
      'export',
      '--project',
      PROJECT,
      '--version',
      'v1',
      '--format',
      'tables',
      '-o',
      zip,
      '--data-dir',
      data,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(join(work, 'zips'))).toEqual(['chest.zip']);
    const listing = execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).split('\n').filter(Boolean);
    expect(listing.some((name) => name.endsWith('.csv'))).toBe(true);
  });

  it('names what exists when the project, version or format is unknown', async () => {
    const project = await run(
      'export',
      '--project',
      'Nope',
      '--version',
      'v1',
      '--format',
      'coco',
      '-o',
      join(work, 'x'),
      '--data-dir',
      data,
    );
    expect(project.code).toBe(1);
    expect(project.stderr).toContain("no project named 'Nope'; the projects are: Chest");
    const version = await run(
      'export',
      '--project',
      PROJECT,
      '--version',
      'v9',
      '--format',
      'coco',
      '-o',
      join(work, 'x'),
      '--data-dir',
      data,
    );
    expect(version.code).toBe(1);
    expect(version.stderr).toMatch(/has no version 'v9'; its versions are:[\s\S]*v1/);
    const format = await run(
      'export',
      '--project',
      PROJECT,
      '--version',
      'v1',
      '--format',
      'png',
      '-o',
      join(work, 'x'),
      '--data-dir',
      data,
    );
    expect(format.code).toBe(1);
    expect(format.stderr).toContain("unknown format 'png'");
    expect(format.stderr).toContain('yolo-segmentation');
    expect(existsSync(join(work, 'x'))).toBe(false);
  });

  it('refuses a folder that is not empty, and a call without the required options', async () => {
    const full = join(work, 'full');
    mkdirSync(full);
    writeFileSync(join(full, 'keep.txt'), 'mine');
    const r = await run(
      'export',
      '--project',
      PROJECT,
      '--version',
      'v1',
      '--format',
      'coco',
      '-o',
      full,
      '--data-dir',
      data,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is not empty');
    expect(readdirSync(full)).toEqual(['keep.txt']);
    const usage = await run('export', '--project', PROJECT, '--version', 'v1');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--format');
  });
});
