import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { adminToken, call, type ServerProcess, startServerProcess } from '@voxelhub/server/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS } from './browser-session.js';
import { browserTestsSkipReason, type LaunchedBrowser, launchChromium } from './chromium.js';
import { importThroughApi } from './import-through-api.js';
import { CT_SMALL, MR_SMALL, planeGeometry, rectMask } from './quality-project.js';

const skipReason = browserTestsSkipReason();
if (skipReason) console.warn(skipReason);

const ADMIN_PASSWORD = 'versions-exports-password';
const WEB_DIST = fileURLToPath(new URL('../../dist/index.html', import.meta.url));
/** The screenshot the docs show (docs/export.md). */
const DOCS_IMAGES = fileURLToPath(new URL('../../../../docs/images/', import.meta.url));

/**
 * Issue 7 in Chromium against the real server: a manager opens "Versions & exports" from the project
 * page, is told when the split fractions do not add up, freezes a version with Enter, compares it with
 * an older one, exports it to nnU-Net, watches the progress come from the job's events, and downloads the
 * zip, which holds dataset.json.
 */
describe.skipIf(skipReason !== undefined)('versions and exports (Chromium)', () => {
  let dataDir: string;
  let server: ServerProcess;
  let browser: LaunchedBrowser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(WEB_DIST)) throw new Error(`${WEB_DIST} is missing: build the web app first`);
    dataDir = await mkdtemp(join(tmpdir(), 'voxelhub-web-exports-'));
    [server, browser] = await Promise.all([
      startServerProcess({ dataDir, adminPassword: ADMIN_PASSWORD }),
      launchChromium(),
    ]);
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 1400, height: 900 });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() !== 'error' || message.location().url.endsWith('/api/auth/me')) return;
      pageErrors.push(`${message.text()} (${message.location().url})`);
    });
    await mkdir(DOCS_IMAGES, { recursive: true });
    await mkdir(ARTIFACTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('freezes a version, compares it, exports it to nnU-Net and downloads the zip', async () => {
    const { url } = server;
    const token = await adminToken(url, ADMIN_PASSWORD);
    const created = await call(url, token, 'POST', '/api/projects', {
      name: 'Lesions',
      requireDeidentification: false,
      labels: [{ name: 'Lesion', type: 'mask', colour: '#e04040' }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const projectId = String(created.body.id);
    const api = `/api/projects/${projectId}`;
    const project = await call(url, token, 'GET', api);
    const labelId = String(project.body.labels[0].id);
    for (const file of [CT_SMALL, MR_SMALL]) {
      const name = file.pathname.split('/').pop()!;
      const job = await importThroughApi(url, token, projectId, {
        [name]: new Uint8Array(await readFile(file)),
      });
      expect(job.state, JSON.stringify(job)).toBe('done');
    }
    const images = (await call(url, token, 'GET', `${api}/images`)).body.images as {
      id: string;
      modality: string;
    }[];
    const annotate = async (modality: string, file: URL) => {
      const image = images.find((i) => i.modality === modality)!;
      const g = planeGeometry(new Uint8Array(await readFile(file)));
      const made = await call(url, token, 'POST', `${api}/annotations`, {
        labelId,
        imageId: image.id,
        payload: rectMask(g, labelId, image.id, { x: 10, y: 12, w: 20, h: 16 }),
      });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
    };
    // An older version with the CT's mask only; the one made in the browser adds the MR's.
    await annotate('CT', CT_SMALL);
    const older = await call(url, token, 'POST', `${api}/versions`, { name: 'v0', source: 'all' });
    expect(older.status, JSON.stringify(older.body)).toBe(201);
    await annotate('MR', MR_SMALL);

    // 1. From the project page to the versions page.
    await signIn(page, url, ADMIN_PASSWORD);
    await page.goto(`${url}/projects/${projectId}`);
    await page.getByRole('link', { name: 'Versions & exports →' }).click();
    await page.getByRole('heading', { name: 'Versions & exports' }).waitFor();
    await page.locator('tr[data-version="v0"]').waitFor();

    // 2. The new-version form: fractions that do not add up are refused beside them; Enter submits.
    const form = page.getByRole('form', { name: 'New version' });
    await form.getByLabel('Name').fill('v1');
    await form.getByLabel('Annotations').selectOption({ label: 'All annotations' });
    await form.getByLabel('Note').fill('Both masks, for the first nnU-Net run');
    await form.getByLabel('Train').fill('0.8');
    await form.getByLabel('Validation').fill('0.5');
    await form.getByLabel('Test').fill('0');
    await form.getByLabel('Name').press('Enter');
    await expect
      .poll(() => form.getByRole('alert').first().textContent())
      .toBe('Train, validation and test must add up to 1 (they add up to 1.3)');
    await form.getByLabel('Train').fill('0.5');
    await form.getByLabel('Test').press('Enter');
    const row = page.locator('tr[data-version="v1"]');
    await row.waitFor();
    expect(await row.locator('td').nth(2).textContent()).toBe('2 cases, 2 subjects, 2 annotations');
    const versions = (await call(url, token, 'GET', `${api}/versions`)).body.versions as {
      name: string;
      contentHash: string;
      note: string;
    }[];
    const v1 = versions.find((v) => v.name === 'v1')!;
    expect(v1.note).toBe('Both masks, for the first nnU-Net run');
    expect(await row.locator('code').textContent()).toBe(v1.contentHash.slice(0, 12));

    // 3. The diff from v0 to v1: one case and one annotation added, nothing removed.
    const diffForm = page.getByRole('form', { name: 'Compare versions' });
    await diffForm.getByLabel('From').selectOption({ label: 'v0' });
    await diffForm.getByLabel('To').selectOption({ label: 'v1' });
    await diffForm.getByRole('button', { name: 'Compare' }).click();
    const diff = page.getByRole('table', { name: 'Changes from v0 to v1' });
    const cells = (kind: string) =>
      diff.locator('tr', { has: page.locator(`th:text-is("${kind}")`) }).locator('td');
    await diff.waitFor();
    expect(await cells('cases').allTextContents()).toEqual(['1', '0', '0']);
    expect(await cells('annotations').allTextContents()).toEqual(['1', '0', '0']);

    // 3b. The license and citation the dataset card will state.
    const terms = page.getByRole('form', { name: 'License and citation' });
    await terms.getByLabel('License', { exact: true }).fill('CC BY 4.0');
    await terms.getByLabel('License URL').fill('https://creativecommons.org/licenses/by/4.0/');
    await terms.getByLabel('How to cite').fill('Lesion readers. Lesions v1. 2026.');
    await terms.getByRole('button', { name: 'Save license and citation' }).click();
    await terms.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    expect((await call(url, token, 'GET', api)).body.settings.dataset).toEqual({
      license: { name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' },
      citation: 'Lesion readers. Lesions v1. 2026.',
    });

    // 4. Export v1 to nnU-Net: the progress comes from the job's event stream, then a Download link.
    const events = page.waitForRequest((request) => /\/exports\/[0-9a-f-]{36}\/events$/.test(request.url()));
    await row.getByLabel('Format for v1').selectOption({ label: 'nnU-Net v2 raw dataset' });
    // Named CT, nnU-Net normalises the channel by its HU statistics.
    await row.getByLabel('Channel name for v1').fill('CT');
    await row.getByRole('button', { name: 'Export' }).click();
    await events;
    const download = row.getByRole('link', { name: 'Download' });
    await download.waitFor({ timeout: 30_000 });
    expect(await row.locator('.export-status .muted').textContent()).toMatch(
      /^Lesions-v1-nnunet\.zip, [\d.]+ (bytes|KB|MB)/,
    );
    const exportsTable = page.getByRole('table', { name: 'Exports' });
    expect(await exportsTable.locator('tbody tr').first().locator('.export-state').textContent()).toBe(
      'done',
    );
    // The docs show the top of the page: the versions with the finished export's Download link.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(DOCS_IMAGES, 'exports.png') });
    await page.screenshot({ path: join(ARTIFACTS, 'exports-full.png'), fullPage: true });

    // 5. The download is the zip, and it holds the nnU-Net dataset.
    const [saved] = await Promise.all([page.waitForEvent('download'), download.click()]);
    expect(saved.suggestedFilename()).toBe('Lesions-v1-nnunet.zip');
    const zipPath = join(dataDir, 'downloaded.zip');
    await saved.saveAs(zipPath);
    const names = execFileSync('unzip', ['-Z1', zipPath], { encoding: 'utf8' }).split('\n').filter(Boolean);
    expect(names.some((name) => name.endsWith('dataset.json'))).toBe(true);
    expect(names.filter((name) => /imagesTr\/.+_0000\.nii\.gz$/.test(name)).length).toBeGreaterThan(0);
    const datasetJson = names.find((name) => name.endsWith('/dataset.json'))!;
    const nnunetJson = JSON.parse(execFileSync('unzip', ['-p', zipPath, datasetJson], { encoding: 'utf8' }));
    expect(nnunetJson.channel_names).toEqual({ '0': 'CT' });
    const card = execFileSync('unzip', ['-p', zipPath, 'dataset-card.md'], { encoding: 'utf8' });
    expect(card).toContain('CC BY 4.0');
    expect(card).toContain('Lesion readers. Lesions v1. 2026.');

    // 6. A manager deletes the export (after confirming): its row and its archive go.
    page.once('dialog', (dialog) => void dialog.accept());
    await exportsTable
      .getByRole('button', { name: 'Delete the nnU-Net v2 raw dataset export of v1' })
      .click();
    await expect.poll(() => exportsTable.locator('tbody tr').count()).toBe(0);
    const left = (await call(url, token, 'GET', `${api}/exports`)).body.exports as unknown[];
    expect(left).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});

async function signIn(page: Page, url: string, password: string) {
  await page.goto(url);
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor({ timeout: 20_000 });
}
