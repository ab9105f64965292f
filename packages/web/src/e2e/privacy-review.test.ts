import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { adminToken, call } from '@voxelhub/server/testing';
import dicomParser from 'dicom-parser';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dragToImageRectangle } from '../privacy/preview-rectangle.js';
import { ARTIFACTS, type BrowserSession, openBrowserSession } from './browser-session.js';
import { browserTestsSkipReason } from './chromium.js';
import { importThroughApi } from './import-through-api.js';

const skipReason = browserTestsSkipReason();
if (skipReason) console.warn(skipReason);

const ADMIN_PASSWORD = 'privacy-review-password';
/** pydicom's CT_small: 128 × 128 signed 16-bit CT, Patient ID 1CT1, explicit VR little endian. */
const CT_SMALL = new URL('../../../../../shared/testdata/pydicom/CT_small.dcm', import.meta.url);
const ORIGINAL_PATIENT_ID = '1CT1';
/** The band the project's rule blanks at the top of every matching CT. */
const RULE_BAND = { x: 0, y: 0, width: 128, height: 10 };

/** The stored values of a 16-bit signed single-frame DICOM image, row by row. */
function int16Pixels(bytes: Uint8Array): {
  rows: number;
  columns: number;
  at: (x: number, y: number) => number;
} {
  const dataSet = dicomParser.parseDicom(bytes);
  const rows = dataSet.uint16('x00280010')!;
  const columns = dataSet.uint16('x00280011')!;
  const pixels = dataSet.elements.x7fe00010!;
  const view = new DataView(bytes.buffer, bytes.byteOffset + pixels.dataOffset, pixels.length);
  return { rows, columns, at: (x, y) => view.getInt16(2 * (y * columns + x), true) };
}

/** Every value of `rectangle` in the image, flattened. */
function valuesIn(
  image: ReturnType<typeof int16Pixels>,
  r: { x: number; y: number; width: number; height: number },
) {
  const values: number[] = [];
  for (let y = r.y; y < r.y + r.height; y++)
    for (let x = r.x; x < r.x + r.width; x++) values.push(image.at(x, y));
  return values;
}

/**
 * The element's box once it has stayed put for half a second: the badge scrolls the panel into view
 * smoothly, and sections above it may still be growing as their requests answer.
 */
async function settledBox(locator: Locator) {
  let last = await locator.boundingBox();
  let still = 0;
  for (let tries = 0; tries < 100; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const box = await locator.boundingBox();
    const same = box && last && box.x === last.x && box.y === last.y && box.width === last.width;
    still = same ? still + 1 : 0;
    if (box && still >= 5) return box;
    last = box;
  }
  throw new Error('the preview kept moving for 10 s');
}

async function downloadedText(page: Page, click: () => Promise<void>) {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

/**
 * De-identification in Chromium against the real server: a project created with de-identification on
 * (the default), a burned-in rule for CT, CT_small imported and held, a region marked with the mouse on
 * the preview and accepted, then the pseudonym mapping and the project key downloaded by the owner.
 */
describe.skipIf(skipReason !== undefined)('privacy and held images (Chromium)', () => {
  let session: BrowserSession;
  let page: Page;

  beforeAll(async () => {
    session = await openBrowserSession({
      name: 'privacy',
      adminPassword: ADMIN_PASSWORD,
      consoleErrors: true,
    });
    page = session.page;
  }, 60_000);

  afterAll(() => session?.close());

  it('holds a CT for review, blanks a drawn region on accept, and gives the owner the mapping', async () => {
    const url = session.server.url;
    const token = await adminToken(url, ADMIN_PASSWORD);
    await session.signIn();

    // 1. A new project: de-identification is on unless the creator unticks it.
    await page.getByRole('button', { name: 'New project' }).click();
    const projectForm = page.getByRole('form', { name: 'New project' });
    const deidentify = projectForm.getByLabel('De-identify images on import (recommended)');
    expect(await deidentify.isChecked()).toBe(true);
    await projectForm.getByLabel('Name', { exact: true }).fill('Burned-in CT');
    await projectForm.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('heading', { name: 'Burned-in CT', level: 1 }).waitFor();
    const projectId = page.url().split('/').pop()!;
    const created = await call(url, token, 'GET', `/api/projects/${projectId}`);
    expect(created.body.requireDeidentification).toBe(true);

    // 2. A rule through the API: every CT is held, with a band at the top blanked.
    const rule = { name: 'CT with header text', modality: 'CT', blank: [RULE_BAND] };
    const patched = await call(url, token, 'PATCH', `/api/projects/${projectId}`, {
      settings: { deidentification: { burnedInRules: [rule] } },
    });
    expect(patched.status).toBe(200);

    // 3. CT_small imported: held, so not yet one of the project's images.
    const original = new Uint8Array(await readFile(CT_SMALL));
    expect(await importThroughApi(url, token, projectId, { 'CT_small.dcm': original })).toMatchObject({
      state: 'done',
    });
    const held = await call(url, token, 'GET', `/api/projects/${projectId}/held-images`);
    expect(held.body.heldImages).toHaveLength(1);
    expect(held.body.heldImages[0].blanked).toEqual([RULE_BAND]);
    expect((await call(url, token, 'GET', `/api/projects/${projectId}/images`)).body.total).toBe(0);

    // 4. The page shows the waiting count; its button leads to the panel with the preview.
    await page.reload();
    // Every section has answered (nothing above the panel will grow and move it).
    await page.getByRole('heading', { name: 'Members' }).waitFor();
    await page.getByText('No DICOM studies in this project.').waitFor();
    await expect.poll(() => page.getByText('Loading…').count()).toBe(0);
    const badge = page.getByRole('button', { name: /1 image waits for review/ });
    await badge.click();
    const panel = page.getByRole('region', { name: /Held for review/ });
    await panel.getByText('CT with header text').first().waitFor();
    const preview = panel.getByRole('img', { name: 'Preview of held image 1' });
    await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(128);
    await expect.poll(() => panel.locator('.region.blanked').count()).toBe(1);

    // 5. One rectangle dragged over the preview, which is shown larger than the image.
    const box = await settledBox(preview);
    expect(box.width).toBeGreaterThan(128);
    const start = { x: box.width * 0.3, y: box.height * 0.5 };
    const end = { x: box.width * 0.55, y: box.height * 0.7 };
    await page.mouse.move(box.x + start.x, box.y + start.y);
    await page.mouse.down();
    await page.mouse.move(box.x + (start.x + end.x) / 2, box.y + (start.y + end.y) / 2, { steps: 2 });
    await page.mouse.move(box.x + end.x, box.y + end.y, { steps: 2 });
    await page.mouse.up();
    const drawn = dragToImageRectangle(start, end, box, { width: 128, height: 128 })!;
    const marks = panel.getByRole('list', { name: 'Regions to blank' });
    await expect
      .poll(() => marks.textContent())
      .toContain(`x ${drawn.x}, y ${drawn.y}, ${drawn.width} × ${drawn.height} px`);
    await page.screenshot({ path: join(ARTIFACTS, 'privacy-held-review.png'), fullPage: true });

    // 6. A accepts (the panel took focus with the drag): the image joins the project, the list empties.
    await page.keyboard.press('a');
    await panel.getByText(/Accepted: image .* is now in the project/).waitFor();
    await panel.getByText('No images wait for review.').waitFor();
    expect((await call(url, token, 'GET', `/api/projects/${projectId}/held-images`)).body.heldImages).toEqual(
      [],
    );
    const images = await call(url, token, 'GET', `/api/projects/${projectId}/images`);
    expect(images.body.total).toBe(1);
    await expect.poll(() => badge.count()).toBe(0);
    // The accepted CT's series appears in the studies table without a reload.
    await page.locator('table.studies td', { hasText: /^CT$/ }).waitFor();

    // The stored image is black (the lowest signed 16-bit value) in the rule's band and the drawn region,
    // and keeps its values elsewhere.
    const imageId = String(images.body.images[0].id);
    const file = await fetch(`${url}/api/projects/${projectId}/images/${imageId}/file`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(file.status).toBe(200);
    const stored = int16Pixels(new Uint8Array(await file.arrayBuffer()));
    const before = int16Pixels(original);
    expect([stored.rows, stored.columns]).toEqual([128, 128]);
    expect(new Set(valuesIn(stored, drawn))).toEqual(new Set([-32768]));
    expect(new Set(valuesIn(stored, RULE_BAND))).toEqual(new Set([-32768]));
    expect(new Set(valuesIn(before, drawn)).size).toBeGreaterThan(1);
    const outside = { x: 100, y: 100, width: 20, height: 20 };
    expect(valuesIn(stored, outside)).toEqual(valuesIn(before, outside));

    // 7. The owner's downloads: the mapping names the original Patient ID; the key is the project's.
    const privacy = page.getByRole('region', { name: 'Privacy' });
    const csv = await downloadedText(page, () =>
      privacy.getByRole('link', { name: 'Download pseudonym mapping (CSV)' }).click(),
    );
    expect(csv.name).toBe('pseudonyms.csv');
    expect(csv.text).toContain(ORIGINAL_PATIENT_ID);
    const key = await downloadedText(page, () =>
      privacy.getByRole('button', { name: 'Download project key' }).click(),
    );
    expect(key.name).toBe('Burned-in-CT-deid.key');
    const apiKey = await call(url, token, 'GET', `/api/projects/${projectId}/deidentification/key`);
    expect(key.text.trim()).toBe(apiKey.body.key);
    expect(key.text.trim()).toMatch(/^[0-9a-f]{64}$/);

    // 8. An option and the rules, changed in the panel, reach the server; a bad rectangle is refused in place.
    await privacy.getByLabel(/Retain Patient Characteristics/).check();
    await expect
      .poll(
        async () =>
          (await call(url, token, 'GET', `/api/projects/${projectId}`)).body.settings.deidentification
            .options,
      )
      .toContain('retainPatientCharacteristics');
    const rulesForm = privacy.getByRole('form', { name: 'Burned-in text rules' });
    await rulesForm.getByLabel('Rule 1 blank rectangles').fill('0,0,128');
    await rulesForm.getByRole('button', { name: 'Save rules' }).click();
    await rulesForm.getByText("'0,0,128': write x,y,width,height as four whole numbers").waitFor();
    await rulesForm.getByLabel('Rule 1 blank rectangles').fill('0,0,128,12');
    await rulesForm.getByRole('button', { name: 'Save rules' }).click();
    await rulesForm.getByText('Rules saved.').waitFor();
    const saved = await call(url, token, 'GET', `/api/projects/${projectId}`);
    expect(saved.body.settings.deidentification.burnedInRules).toEqual([
      { ...rule, blank: [{ x: 0, y: 0, width: 128, height: 12 }] },
    ]);
    await page.screenshot({ path: join(ARTIFACTS, 'privacy-panel.png'), fullPage: true });

    // 9. Turning de-identification off asks first: dismissed, nothing changes; confirmed, it is off.
    const toggle = privacy.getByLabel('De-identify images on import', { exact: true });
    const requireDeidentification = async () =>
      (await call(url, token, 'GET', `/api/projects/${projectId}`)).body.requireDeidentification;
    const dialogs: string[] = [];
    page.once('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await toggle.click();
    expect(dialogs[0]).toMatch(/keep patient names, IDs/);
    expect(await toggle.isChecked()).toBe(true);
    expect(await requireDeidentification()).toBe(true);
    page.once('dialog', (dialog) => void dialog.accept());
    await toggle.click();
    await privacy.getByText('Images are imported as they are').waitFor();
    expect(await requireDeidentification()).toBe(false);
    expect(session.pageErrors).toEqual([]);
  }, 90_000);
});
