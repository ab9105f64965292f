import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeChestFolder, writeMsdFolder } from '../../../server/src/dataset-import/dataset-test-folders.js';
import { main } from '../main.js';
import { capturedRun } from '../test-support/captured-run.js';

/** `voxelhub import <folder> --labels` on a data folder (no server): a Decathlon task and a CSV-labelled folder. */

const work = mkdtempSync(join(tmpdir(), 'voxelhub-import-dataset-cli-'));
const data = join(work, 'data');
afterAll(() => rmSync(work, { recursive: true, force: true }));

const run = (...argv: string[]) => capturedRun(() => main(argv));

describe('voxelhub import --labels', () => {
  it('prints the layout, imports images and label maps, and reports them', async () => {
    const folder = join(work, 'msd');
    writeMsdFolder(folder);
    const r = await run('import', folder, '--project', 'Liver', '--labels', '--data-dir', data);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('Decathlon task Test: 2 training cases, 1 test; labels liver, tumour');
    expect(r.stdout).toContain('images: 3 imported, 0 already there, 0 failed');
    expect(r.stdout).toContain('labels created: liver (mask), tumour (mask)');
    expect(r.stdout).toContain('annotations: 2 created');
  });

  it('names the rows it could not place', async () => {
    const folder = join(work, 'chest');
    writeChestFolder(folder, { missingImage: 'gone.png' });
    const r = await run('import', folder, '--project', 'Chest', '--labels', '--data-dir', data);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('annotations: 6 created');
    expect(r.stderr).toContain('chest/Data_Entry.csv row 5: no image file in the folder is "gone.png"');
  });

  it('names the file of a broken layout and makes no project', async () => {
    const folder = join(work, 'broken');
    writeMsdFolder(folder, { dropLabel: true });
    const r = await run('import', folder, '--project', 'Broken', '--labels', '--data-dir', data);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'voxelhub import: Task09_Test/labelsTr/case_1.nii.gz: dataset.json names it, but it is not in the folder',
    );
    expect(r.stderr).not.toContain("created project 'Broken'");
  });

  it('wants one folder, and --layout only with --labels', async () => {
    expect((await run('import', 'a', 'b', '--project', 'P', '--labels')).code).toBe(2);
    expect((await run('import', 'a', '--project', 'P', '--layout', 'msd')).code).toBe(2);
  });
});
