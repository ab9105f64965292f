import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { ImageVolume } from '@voxelhub/core';
import { writeNifti } from '@voxelhub/core/nifti';
import { adminToken, call } from '@voxelhub/server/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, type BrowserSession, openBrowserSession } from './browser-session.js';
import { browserTestsSkipReason } from './chromium.js';

const skipReason = browserTestsSkipReason();
if (skipReason) console.warn(skipReason);

const ADMIN_PASSWORD = 'catalog-import-password';
const TASK = 'Task09_Spleen';

/** A 6 × 5 × 3 volume, 1 mm voxels, axial: small enough to write in the test, real enough to import. */
function volume(dataType: 'int16' | 'uint8', data: Int16Array | Uint8Array): ImageVolume {
  return {
    kind: 'volume',
    dims: [6, 5, 3],
    spacing: [1, 1, 1],
    origin: [0, 0, 0],
    direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
    timepoints: 1,
    dataType,
    samplesPerPixel: 1,
    photometricInterpretation: 'MONOCHROME2',
    data,
    meta: {},
    warnings: [],
  };
}

/** A CT-like image, different for each case (the import would take equal files as duplicates). */
function image(seed: number): Uint8Array {
  const data = Int16Array.from({ length: 90 }, (_, i) => ((i * 7 + seed * 13) % 400) - 100);
  return gzipSync(writeNifti(volume('int16', data)));
}

/** A label map with the spleen (1) in a block of the middle slice. */
function labelMap(): Uint8Array {
  const data = new Uint8Array(90);
  for (let y = 1; y < 4; y++) for (let x = 2; x < 5; x++) data[30 + y * 6 + x] = 1;
  return gzipSync(writeNifti(volume('uint8', data)));
}

/**
 * A Decathlon task as its download unpacks: dataset.json, two training cases with label maps, one test
 * image, and a file the layout does not use.
 */
async function writeDecathlonFolder(root: string): Promise<string> {
  const folder = join(root, TASK);
  for (const sub of ['imagesTr', 'labelsTr', 'imagesTs']) await mkdir(join(folder, sub), { recursive: true });
  const datasetJson = {
    name: 'Spleen',
    description: 'Spleen segmentation (a tiny stand-in written by the test)',
    tensorImageSize: '3D',
    modality: { 0: 'CT' },
    labels: { 0: 'background', 1: 'spleen' },
    numTraining: 2,
    numTest: 1,
    training: [
      { image: './imagesTr/spleen_2.nii.gz', label: './labelsTr/spleen_2.nii.gz' },
      { image: './imagesTr/spleen_3.nii.gz', label: './labelsTr/spleen_3.nii.gz' },
    ],
    test: ['./imagesTs/spleen_1.nii.gz'],
  };
  await writeFile(join(folder, 'dataset.json'), JSON.stringify(datasetJson, null, 2));
  await writeFile(join(folder, 'imagesTr/spleen_2.nii.gz'), image(2));
  await writeFile(join(folder, 'imagesTr/spleen_3.nii.gz'), image(3));
  await writeFile(join(folder, 'labelsTr/spleen_2.nii.gz'), labelMap());
  await writeFile(join(folder, 'labelsTr/spleen_3.nii.gz'), labelMap());
  await writeFile(join(folder, 'imagesTs/spleen_1.nii.gz'), image(1));
  await writeFile(join(folder, 'README.md'), 'Not part of the layout.\n');
  return folder;
}

/**
 * Issue 8, "Create a project from my copy", in Chromium against the real server: a Decathlon folder
 * chosen on the catalog card is recognised in the browser, a project is created with the dataset's
 * citation, the files are uploaded and imported, and the report and the API agree: three images, two
 * label maps of the spleen.
 */
describe.skipIf(skipReason !== undefined)('creating a project from a local copy (Chromium)', () => {
  let session: BrowserSession;
  let page: Page;
  let scratch: string;
  let folder: string;
  let broken: string;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'voxelhub-copy-'));
    folder = await writeDecathlonFolder(scratch);
    // The same task with one training label missing: it claims the layout and breaks it.
    broken = await writeDecathlonFolder(join(scratch, 'broken'));
    await rm(join(broken, 'labelsTr/spleen_3.nii.gz'));
    session = await openBrowserSession({
      name: 'catalog-import',
      adminPassword: ADMIN_PASSWORD,
      consoleErrors: true,
    });
    page = session.page;
    await page.setViewportSize({ width: 1280, height: 900 });
  }, 60_000);
  afterAll(async () => {
    await session?.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it('recognises the Decathlon folder, creates the project, uploads, and reports the import', async () => {
    const url = session.server.url;
    const token = await adminToken(url, ADMIN_PASSWORD);
    await session.signIn();
    await page.goto(`${url}/catalog?q=decathlon`);
    const card = page.getByRole('article', { name: /Medical Segmentation Decathlon/ }).first();
    await card.waitFor();
    const datasetName = (await card.getByRole('heading').textContent())?.trim() ?? '';

    // The dialog: a modal labelled by its title, focus inside, Escape closes it.
    await card.getByRole('button', { name: 'Create a project from my copy' }).click();
    const dialog = page.getByRole('dialog', { name: /Create a project from my copy/ });
    await dialog.waitFor();
    expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    // Tab and Shift+Tab go round inside it.
    for (const key of [...Array(8).fill('Tab'), ...Array(8).fill('Shift+Tab')]) {
      await page.keyboard.press(key);
      expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await card.getByRole('button', { name: 'Create a project from my copy' }).click();
    await dialog.waitFor();

    // A broken folder is refused with the file at fault, before anything is created.
    await dialog.getByLabel('Folder of your copy').setInputFiles(broken);
    await dialog
      .getByRole('alert')
      .filter({ hasText: 'labelsTr/spleen_3.nii.gz: dataset.json names it, but it is not in the folder' })
      .waitFor();
    expect(await dialog.getByRole('button', { name: 'Create and import' }).isDisabled()).toBe(true);

    // The folder, recognised in the browser before anything is sent.
    await dialog.getByLabel('Pick another folder').setInputFiles(folder);
    const summary = dialog.getByRole('region', { name: 'What the folder holds' });
    await summary.getByText('Decathlon task Spleen: 2 training cases, 1 test; labels spleen').waitFor();
    expect(await summary.getByText('3 image files').count()).toBe(1);
    expect(await summary.getByText('2 label maps').count()).toBe(1);
    expect(await summary.getByRole('list', { name: 'Labels it will create' }).textContent()).toBe(
      'spleen (mask, value 1)',
    );
    await summary.getByText(/7 files; 6 will be uploaded .* 1 file the layout does not use/).waitFor();

    // The project's fields: named after the dataset, its citation and license in the description.
    const name = dialog.getByLabel('Name', { exact: true });
    expect(await name.inputValue()).toBe(datasetName);
    const description = await dialog.getByLabel('Description').inputValue();
    expect(description).toMatch(/^Imported from a local copy of /);
    expect(description).toMatch(/\nCite: .+\nLicense: .+/);
    expect(await dialog.getByLabel('De-identify images on import (recommended)').isChecked()).toBe(true);
    await name.fill('Spleen from my copy');
    await page.screenshot({ path: join(ARTIFACTS, 'catalog-import-folder.png') });

    // The first upload breaks off: the dialog says the project exists and offers to retry into it.
    await page.route('**/dataset-imports', (route) => route.abort('connectionfailed'));
    await dialog.getByRole('button', { name: 'Create and import' }).click();
    const notice = dialog
      .getByRole('alert')
      .filter({ hasText: 'was created, but uploading the files failed' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain('“Spleen from my copy”');
    expect(await dialog.getByLabel('Name', { exact: true }).isDisabled()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'catalog-import-upload-failed.png') });
    await page.unroute('**/dataset-imports');
    // The retry's request is held a moment on its way, long enough to see the upload's progress bar.
    await page.route('**/dataset-imports', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    const accepted = page.waitForResponse((r) => r.url().endsWith('/dataset-imports'));
    await dialog.getByRole('button', { name: 'Retry the import into “Spleen from my copy”' }).click();
    await dialog.getByRole('progressbar', { name: /Uploading/ }).waitFor();
    expect(
      await dialog
        .getByRole('status')
        .filter({ hasText: / of .*\(\d+ %\)$/ })
        .count(),
    ).toBe(1);
    const answer = await accepted;
    expect(answer.status(), await answer.text()).toBe(202);
    // The end of the import, or a failure shown in the dialog (its words then fail the test).
    const finished = dialog.getByText('Import finished.');
    const failure = dialog.getByRole('alert');
    await finished.or(failure).first().waitFor({ timeout: 60_000 });
    expect(await failure.allTextContents()).toEqual([]);
    const report = dialog.getByRole('region', { name: 'Import report' });
    expect(await report.locator('p').first().textContent()).toMatch(
      /^3 images imported, .*2 annotations created\.$/,
    );
    expect(await report.getByRole('row', { name: /spleen 2/ }).count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'catalog-import-report.png') });

    // The API agrees: the project, its three images, its label and two label maps of it.
    const link = dialog.getByRole('link', { name: 'Open “Spleen from my copy”' });
    const projectId = decodeURIComponent((await link.getAttribute('href'))!.split('/').pop()!);
    const project = await call(url, token, 'GET', `/api/projects/${projectId}`);
    expect(project.body.name).toBe('Spleen from my copy');
    expect(project.body.description).toBe(description);
    const images = await call(url, token, 'GET', `/api/projects/${projectId}/images`);
    expect(images.body.total).toBe(3);
    // The retry went into the project the first attempt created: there is one of it.
    const projects = (await call(url, token, 'GET', '/api/projects')).body.projects as { name: string }[];
    expect(projects.filter((p) => p.name === 'Spleen from my copy')).toHaveLength(1);
    const labels = (await call(url, token, 'GET', `/api/projects/${projectId}/labels`)).body.labels as {
      id: string;
      name: string;
    }[];
    const spleen = labels.find((l) => l.name === 'spleen');
    expect(spleen).toBeDefined();
    const annotations = (await call(url, token, 'GET', `/api/projects/${projectId}/annotations`)).body
      .annotations as { labelId: string; imageId: string | null; payload: { type: string } }[];
    expect(annotations).toHaveLength(2);
    for (const annotation of annotations) {
      expect(annotation.labelId).toBe(spleen!.id);
      expect(annotation.payload.type).toBe('segmentation');
    }
    // The link opens the project.
    await link.click();
    await page.getByRole('heading', { name: 'Spleen from my copy', level: 1 }).waitFor();
    // The only console errors are the upload the test broke off.
    expect(session.pageErrors.filter((e) => !e.includes('/dataset-imports'))).toEqual([]);
  }, 120_000);
});
