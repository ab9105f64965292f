import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { adminToken, call } from '@voxelhub/server/testing';
import { encode } from 'fast-png';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, type BrowserSession, openBrowserSession } from './browser-session.js';
import { browserTestsSkipReason } from './chromium.js';
import { importThroughApi } from './import-through-api.js';
import { litPixels } from './page-probes.js';

const skipReason = browserTestsSkipReason();
if (skipReason) console.warn(skipReason);

const ADMIN_PASSWORD = 'api-images-password';

/** dcm2niix's NIfTI of a Siemens mosaic (shared test data): 64 × 64 × 35 int16, 3.25 × 3.25 × 3.6 mm, oblique. */
const NIFTI = new URL('../../../../../shared/testdata/dcm_qa_ts/Ref/1.nii', import.meta.url);

/** An RGB PNG: a red-to-blue ramp across, green rising downwards, so colour and orientation are both visible. */
function rampPng(width: number, height: number): Uint8Array {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      data[i] = Math.round((255 * (width - 1 - x)) / (width - 1));
      data[i + 1] = Math.round((255 * y) / (height - 1));
      data[i + 2] = Math.round((255 * x) / (width - 1));
    }
  return encode({ width, height, channels: 3, depth: 8, data });
}

/** The same ramp as a JPEG, encoded by the page's canvas (Chromium writes 3-component baseline JPEG). */
async function rampJpeg(page: Page, width: number, height: number): Promise<Uint8Array> {
  const bytes = await page.evaluate(
    async ([w, h]) => {
      const canvas = new OffscreenCanvas(w, h);
      const context = canvas.getContext('2d')!;
      const image = context.createImageData(w, h);
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) {
          const i = (y * w + x) * 4;
          image.data.set([(255 * (w - 1 - x)) / (w - 1), (255 * y) / (h - 1), (255 * x) / (w - 1), 255], i);
        }
      context.putImageData(image, 0, 0);
      const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.95 });
      return [...new Uint8Array(await blob.arrayBuffer())];
    },
    [width, height] as const,
  );
  return Uint8Array.from(bytes);
}

async function imageIdOf(url: string, token: string, projectId: string, format: string): Promise<string> {
  const page = await call(url, token, 'GET', `/api/projects/${projectId}/images?format=${format}`);
  return String(page.body.images[0].id);
}

/**
 * NIfTI and PNG files imported through the API open in the viewer: decoded in the page, served to
 * Cornerstone3D by the voxelhub-api image loader, positioned by their geometry (MPR for the volume).
 */
describe.skipIf(skipReason !== undefined)('API images in the viewer (Chromium)', () => {
  let session: BrowserSession;
  let page: Page;
  let projectId = '';
  let niftiId = '';
  let pngId = '';
  let jpegId = '';

  beforeAll(async () => {
    session = await openBrowserSession({
      name: 'api-images',
      adminPassword: ADMIN_PASSWORD,
      consoleErrors: true,
    });
    page = session.page;
    const url = session.server.url;
    const token = await adminToken(url, ADMIN_PASSWORD);
    const project = await call(url, token, 'POST', '/api/projects', { name: 'Files' });
    projectId = String(project.body.id);
    const job = await importThroughApi(url, token, projectId, {
      'oblique-epi.nii': new Uint8Array(readFileSync(NIFTI)),
      'ramp.png': rampPng(96, 64),
      'ramp.jpg': await rampJpeg(page, 96, 64),
    });
    expect(job).toMatchObject({ state: 'done', counts: { imported: 3, failed: 0 } });
    [niftiId, pngId, jpegId] = await Promise.all([
      imageIdOf(url, token, projectId, 'nifti'),
      imageIdOf(url, token, projectId, 'png'),
      imageIdOf(url, token, projectId, 'jpeg'),
    ]);
    await session.signIn();
  }, 90_000);

  afterAll(() => session?.close());

  const viewport = () => page.getByTestId('viewport');
  async function waitForImage(what: string) {
    await viewport()
      .and(page.locator('[data-status="ready"]'))
      .waitFor({ timeout: 30_000 })
      .catch((error) => {
        const shown = page.locator('[role="alert"]').allTextContents();
        throw new Error(
          `${what} did not show: ${error}\nalerts: ${shown}\npage errors: ${session.pageErrors.join('\n')}`,
        );
      });
  }

  /** The middle row of the shown ramp: red at its left end, blue at its right. */
  async function expectRedLeftBlueRight() {
    const [left, right] = await viewport().evaluate((root) => {
      const source = root.querySelector('canvas')!;
      const copy = document.createElement('canvas');
      copy.width = source.width;
      copy.height = source.height;
      const context = copy.getContext('2d')!;
      context.drawImage(source, 0, 0);
      const { data } = context.getImageData(0, Math.floor(copy.height / 2), copy.width, 1);
      const lit: number[][] = [];
      for (let x = 0; x < copy.width; x++)
        if (data[x * 4]! + data[x * 4 + 1]! + data[x * 4 + 2]! > 30)
          lit.push([data[x * 4]!, data[x * 4 + 2]!]);
      return [lit[2]!, lit[lit.length - 3]!];
    });
    expect(left![0]).toBeGreaterThan(200);
    expect(left![1]).toBeLessThan(60);
    expect(right![0]).toBeLessThan(60);
    expect(right![1]).toBeGreaterThan(200);
  }

  it('lists the files on the project page, PNG and JPEG with thumbnails, and opens the NIfTI with MPR offered', async () => {
    await page.goto(`${session.server.url}/projects/${projectId}`);
    // The PNG and the JPEG are their own thumbnails; the NIfTI has an empty frame.
    const thumbnails = page.locator('img.thumbnail');
    await expect.poll(() => thumbnails.count(), { timeout: 15_000 }).toBe(2);
    for (const thumbnail of await thumbnails.all()) {
      // Lazy images: they load once on screen, and the page above them has grown.
      await thumbnail.scrollIntoViewIfNeeded();
      await expect
        .poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), {
          timeout: 15_000,
        })
        .toBe(96);
    }
    await page.getByRole('link', { name: niftiId }).click();
    await waitForImage('the NIfTI');
    expect(new URL(page.url()).pathname).toBe(`/projects/${projectId}/images/${niftiId}`);
    await expect.poll(() => page.getByTestId('slice-counter').textContent()).toBe('Slice 1 / 35');
    // The first slices of this EPI are at the base of the skull, mostly dark: go up ten.
    await viewport().focus();
    await page.keyboard.press('PageDown');
    await expect
      .poll(() => page.getByTestId('slice-counter').textContent(), { timeout: 10_000 })
      .toBe('Slice 11 / 35');
    await expect.poll(() => litPixels(viewport()), { timeout: 10_000 }).toBeGreaterThan(2000);
    await page.screenshot({ path: join(ARTIFACTS, 'api-image-nifti.png') });

    await page.getByTestId('toggle-mpr').click();
    await page.locator('[data-testid="mpr"][data-status="ready"]').waitFor({ timeout: 30_000 });
    for (const plane of ['axial', 'sagittal', 'coronal'])
      await expect
        .poll(() => litPixels(page.getByTestId(`mpr-${plane}`)), { timeout: 20_000, message: plane })
        .toBeGreaterThan(500);
    await page.screenshot({ path: join(ARTIFACTS, 'api-image-nifti-mpr.png') });
  });

  it('opens the PNG in colour, without MPR', async () => {
    await page.goto(`${session.server.url}/projects/${projectId}/images/${pngId}`);
    await waitForImage('the PNG');
    await expect.poll(() => page.getByTestId('slice-counter').textContent()).toBe('Slice 1 / 1');
    await expect.poll(() => litPixels(viewport()), { timeout: 10_000 }).toBeGreaterThan(2000);
    expect(await page.getByTestId('toggle-mpr').count()).toBe(0);
    // Left of the image is red, right is blue: the colour samples arrive in order and unflipped.
    await expectRedLeftBlueRight();
    await page.screenshot({ path: join(ARTIFACTS, 'api-image-png.png') });
  });

  it('opens the JPEG in colour, decoded by the browser', async () => {
    await page.goto(`${session.server.url}/projects/${projectId}/images/${jpegId}`);
    await waitForImage('the JPEG');
    await expect.poll(() => litPixels(viewport()), { timeout: 10_000 }).toBeGreaterThan(2000);
    await expectRedLeftBlueRight();
    await page.screenshot({ path: join(ARTIFACTS, 'api-image-jpeg.png') });
    expect(session.pageErrors).toEqual([]);
  });
});
