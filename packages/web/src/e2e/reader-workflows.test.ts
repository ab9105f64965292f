import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { adminToken, call, type ServerProcess } from '@voxelhub/server/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, type BrowserSession, openBrowserSession } from './browser-session.js';
import { browserTestsSkipReason, type LaunchedBrowser, launchChromium } from './chromium.js';
import { createReader, type Reader, signInAs } from './reader-accounts.js';

const skipReason = browserTestsSkipReason();
if (skipReason) console.warn(skipReason);

const ADMIN_PASSWORD = 'reader-workflows-password';

/** dcm2niix's NIfTI of a Siemens mosaic (shared test data): 64 × 64 × 35, 3.25 × 3.25 × 3.6 mm, oblique. */
const NIFTI = fileURLToPath(new URL('../../../../../shared/testdata/dcm_qa_ts/Ref/1.nii', import.meta.url));

const CT = /Demo CT torso phantom 2\.5 mm/;

type Point = { readonly index: number[]; readonly patient: number[] };
interface StoredAnnotation {
  readonly id: string;
  readonly labelId: string;
  readonly imageId: string | null;
  readonly seriesId: string | null;
  readonly createdBy: string;
  readonly authorId: string;
  readonly payload: {
    readonly type: string;
    readonly imageRef: {
      readonly imageId: string;
      readonly sliceIndex?: number;
      readonly frameIndex?: number;
    };
    // biome-ignore lint/suspicious/noExplicitAny: each test reads the fields of its own type.
    readonly data: any;
  };
}

/**
 * The NIfTI's own affine (nibabel, RAS) applied to a voxel index, turned to DICOM's LPS: the reference a
 * stored landmark is checked against, computed outside the app. Run from a scratch folder in isolated
 * mode, so no folder called nibabel (the shared test data has one) shadows the library.
 */
function niftiPatientPoint(path: string, index: readonly number[]): { lps: number[]; shape: number[] } {
  const script = [
    'import json, sys',
    'import nibabel',
    'image = nibabel.load(sys.argv[1])',
    'i, j, k = json.loads(sys.argv[2])',
    'x, y, z, _ = image.affine @ [i, j, k, 1]',
    'print(json.dumps({"lps": [-x, -y, z], "shape": list(image.shape[:3])}))',
  ].join('\n');
  const out = execFileSync('/usr/bin/python3', ['-I', '-c', script, path, JSON.stringify(index)], {
    cwd: tmpdir(),
    encoding: 'utf8',
  });
  return JSON.parse(out);
}

/** What a test does to the viewer on one page (each reader has their own). */
function viewerOn(page: Page, errors: readonly string[]) {
  const viewport = () => page.getByTestId('viewport');
  const rows = (type?: string) =>
    page.locator(`[data-testid="annotation-list"] > li${type ? `[data-type="${type}"]` : ''}`);

  async function at(x: number, y: number): Promise<[number, number]> {
    const b = await viewport().boundingBox();
    if (!b) throw new Error('the viewport has no box');
    return [b.x + x, b.y + y];
  }

  /** Opens a viewer address and waits for the image and for the first load of its annotations. */
  async function open(go: () => Promise<unknown>) {
    const listed = page.waitForResponse(
      (r) => r.request().method() === 'GET' && /\/api\/projects\/[^/]+\/annotations\?/.test(r.url()),
      { timeout: 30_000 },
    );
    await go();
    await viewport()
      .and(page.locator('[data-status="ready"]'))
      .waitFor({ timeout: 30_000 })
      .catch((error) => {
        throw new Error(`the viewer did not show the image: ${error}\npage errors: ${errors.join('\n')}`);
      });
    expect((await listed).status()).toBe(200);
    await page.getByTestId('annotation-list').waitFor({ state: 'attached', timeout: 20_000 });
    await viewport().focus();
  }

  return {
    viewport,
    rows,
    open,
    async openSeries(url: string, projectId: string, name: RegExp) {
      await open(async () => {
        await page.goto(`${url}/projects/${projectId}`);
        await page.getByRole('link', { name }).click({ timeout: 15_000 });
      });
    },
    /** A drag in viewport pixels: down at the first point, up at the last. */
    async drag(...points: [number, number][]) {
      const [first, ...rest] = points;
      await page.mouse.move(...(await at(...first!)));
      await page.mouse.down();
      for (const p of rest) await page.mouse.move(...(await at(...p)), { steps: 2 });
      await page.mouse.up();
    },
    async click(x: number, y: number) {
      await page.mouse.click(...(await at(x, y)));
    },
    async drawn(type: string, count = 1) {
      await expect
        .poll(() => rows(type).count(), { timeout: 15_000 })
        .toBe(count)
        .catch(async (error) => {
          const problem = await page.locator('.annotation-problem').allTextContents();
          await page.screenshot({ path: join(ARTIFACTS, `reader-failed-${type}.png`) });
          throw new Error(`${type}: ${error}; the viewer says: ${problem.join(' ') || 'nothing'}`);
        });
    },
    async saved() {
      await expect
        .poll(() => page.getByTestId('save-indicator').getAttribute('data-state'), { timeout: 20_000 })
        .toBe('saved');
    },
    async frame(): Promise<string | null> {
      return page.getByTestId('slice-counter').textContent();
    },
  };
}

/**
 * What readers do in Chromium against the real server: blind reading by two annotators in separate
 * browsers, labelling cine frames and classifying a frame, measuring an X-ray, and placing a landmark on an
 * imported oblique NIfTI. Each step is checked on screen and through the API.
 */
describe.skipIf(skipReason !== undefined)('reader workflows (Chromium)', () => {
  let session: BrowserSession;
  let server: ServerProcess;
  let page: Page;
  let token: string;
  let projectId: string;
  let labelIdOf: (name: string) => string;

  beforeAll(async () => {
    session = await openBrowserSession({ name: 'readers', adminPassword: ADMIN_PASSWORD });
    ({ server, page } = session);
    token = await adminToken(server.url, ADMIN_PASSWORD);
    const projects = await call(server.url, token, 'GET', '/api/projects');
    projectId = (projects.body as { projects: { id: string; name: string }[] }).projects.find(
      (p) => p.name === 'Demo',
    )!.id;
    const project = await call(server.url, token, 'GET', `/api/projects/${projectId}`);
    const labels = project.body.labels as { id: string; name: string }[];
    labelIdOf = (name) => labels.find((l) => l.name === name)!.id;
    expect(project.body.settings.reading).toBe('blind');
    await session.signIn();
  }, 90_000);

  afterAll(() => session?.close());

  async function annotations(as: string, query = ''): Promise<StoredAnnotation[]> {
    const res = await call(server.url, as, 'GET', `/api/projects/${projectId}/annotations${query}`);
    expect(res.status).toBe(200);
    return (res.body as { annotations: StoredAnnotation[] }).annotations;
  }

  /** The one image of the demo series with this description. */
  async function imageOfSeries(description: string): Promise<{ seriesId: string; imageId: string }> {
    const studies = await call(server.url, token, 'GET', `/api/projects/${projectId}/studies`);
    const series = (studies.body.studies as { series: { id: string; description: string }[] }[])
      .flatMap((s) => s.series)
      .find((s) => s.description === description)!;
    const images = await call(
      server.url,
      token,
      'GET',
      `/api/projects/${projectId}/images?seriesId=${series.id}`,
    );
    return { seriesId: series.id, imageId: String(images.body.images[0].id) };
  }

  describe('blind reading by two annotators', () => {
    const browsers: LaunchedBrowser[] = [];
    afterAll(() => Promise.all(browsers.map((b) => b.close())));

    async function readerPage(reader: Reader) {
      const browser = await launchChromium();
      browsers.push(browser);
      const readerPage = await browser.context.newPage();
      const errors: string[] = [];
      readerPage.on('pageerror', (error) => errors.push(error.message));
      await signInAs(readerPage, server.url, reader);
      return { page: readerPage, errors, viewer: viewerOn(readerPage, errors) };
    }

    it('shows each reader only their own annotations; the admin sees both with their authors', async () => {
      const [a, b] = await Promise.all([
        createReader(server.url, token, projectId, 'reader-a'),
        createReader(server.url, token, projectId, 'reader-b'),
      ]);
      const [pageA, pageB] = await Promise.all([readerPage(a), readerPage(b)]);
      const { seriesId } = await imageOfSeries('Demo CT torso phantom 2.5 mm');

      // A draws a box on the CT.
      await pageA.viewer.openSeries(server.url, projectId, CT);
      await pageA.page.keyboard.press('x');
      await pageA.viewer.drag([240, 220], [320, 280]);
      await pageA.viewer.drawn('box2d');
      await pageA.viewer.saved();
      const [box] = await annotations(a.token);
      expect(box).toMatchObject({ createdBy: a.id, seriesId, payload: { type: 'box2d' } });

      // B opens the same CT: the first load has come back, and it lists nothing of A's.
      await pageB.viewer.openSeries(server.url, projectId, CT);
      await pageB.page.waitForTimeout(500);
      expect(await pageB.viewer.rows().count()).toBe(0);
      await expect
        .poll(() => pageB.page.locator('.annotation-sidebar h2', { hasText: 'On this series' }).textContent())
        .toBe('On this series (0)');
      expect(await annotations(b.token)).toEqual([]);
      expect(await annotations(b.token, `?seriesId=${seriesId}`)).toEqual([]);
      const peek = await call(
        server.url,
        b.token,
        'GET',
        `/api/projects/${projectId}/annotations/${box!.id}`,
      );
      expect(peek.status).toBe(404);
      await pageB.page.screenshot({ path: join(ARTIFACTS, 'reader-b-blind.png') });

      // B measures a length of their own.
      await pageB.page.keyboard.press('l');
      await pageB.viewer.drag([250, 330], [350, 330]);
      await pageB.viewer.drawn('length');
      await pageB.viewer.saved();
      expect(await pageB.viewer.rows().count()).toBe(1);
      const [length] = await annotations(b.token);
      expect(length).toMatchObject({ createdBy: b.id, seriesId, payload: { type: 'length' } });

      // A reloads: still only the box.
      await pageA.viewer.open(() => pageA.page.reload());
      await pageA.viewer.drawn('box2d');
      await pageA.page.waitForTimeout(500);
      expect(await pageA.viewer.rows().count()).toBe(1);
      expect(await pageA.viewer.rows('length').count()).toBe(0);
      expect((await annotations(a.token)).map((x) => x.id)).toEqual([box!.id]);
      await pageA.page.screenshot({ path: join(ARTIFACTS, 'reader-a-blind.png') });

      // The admin sees both, each with its author.
      const all = await annotations(token, `?seriesId=${seriesId}`);
      expect(all.map((x) => [x.id, x.createdBy, x.authorId, x.payload.type]).sort()).toEqual(
        [
          [box!.id, a.id, a.id, 'box2d'],
          [length!.id, b.id, b.id, 'length'],
        ].sort(),
      );
      expect((await annotations(token, `?authorId=${b.id}`)).map((x) => x.id)).toEqual([length!.id]);
      expect([...pageA.errors, ...pageB.errors]).toEqual([]);
    }, 150_000);
  });

  it('labels cine frames 5–9 as end-systole with B and E, seeks by the range bar, and classifies the frame', async () => {
    const viewer = viewerOn(page, session.pageErrors);
    const { imageId } = await imageOfSeries('Demo echo cine');
    await viewer.openSeries(server.url, projectId, /Demo echo cine/);
    await expect.poll(() => viewer.frame()).toBe('Frame 1 / 24');
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('cine-play').textContent()).toContain('Pause');
    await expect
      .poll(async () => Number(/Frame (\d+)/.exec((await viewer.frame()) ?? '')?.[1]), { timeout: 15_000 })
      .toBeGreaterThan(2);
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('cine-play').textContent()).toContain('Play');

    await page.locator('.label-picker button', { hasText: 'End-systole' }).click();
    await viewer.viewport().focus();
    await page.keyboard.press('Home');
    await expect.poll(() => viewer.frame(), { timeout: 10_000 }).toBe('Frame 1 / 24');
    for (let n = 0; n < 4; n++) await page.keyboard.press('ArrowDown');
    await expect.poll(() => viewer.frame(), { timeout: 10_000 }).toBe('Frame 5 / 24');
    await page.keyboard.press('b');
    await page.getByText('Start marked at frame 5').waitFor({ timeout: 10_000 });
    for (let n = 0; n < 4; n++) await page.keyboard.press('ArrowDown');
    await expect.poll(() => viewer.frame(), { timeout: 10_000 }).toBe('Frame 9 / 24');
    await page.keyboard.press('e');
    await viewer.saved();
    const ranges = (await annotations(token, `?imageId=${imageId}`)).filter(
      (x) => x.payload.type === 'frameRange',
    );
    expect(ranges).toHaveLength(1);
    expect(ranges[0]).toMatchObject({
      imageId,
      labelId: labelIdOf('End-systole'),
      payload: { imageRef: { imageId }, data: { start: 4, end: 8 } },
    });

    // The bar under the scrubber covers frames 5–9 of 24; clicking it goes to frame 5.
    const segment = page.locator('.frame-range-bar .frame-range-segment');
    await segment.waitFor({ timeout: 10_000 });
    expect(await segment.getAttribute('aria-label')).toContain('End-systole');
    const scrubberBox = (await page.getByTestId('cine-scrubber').boundingBox())!;
    const barBox = (await page.locator('.frame-range-bar').boundingBox())!;
    const segmentBox = (await segment.boundingBox())!;
    expect(barBox.y).toBeGreaterThanOrEqual(scrubberBox.y + scrubberBox.height - 1);
    expect((segmentBox.x - barBox.x) / barBox.width).toBeCloseTo(4 / 24, 2);
    expect(segmentBox.width / barBox.width).toBeCloseTo(5 / 24, 2);
    // Under the scrubber means within its width, so that a range sits below the frames it spans.
    // Soft: the rest of the workflow is still checked when the bar is misplaced.
    const boxes = `scrubber x ${scrubberBox.x}–${scrubberBox.x + scrubberBox.width}, bar x ${barBox.x}–${barBox.x + barBox.width}`;
    expect.soft(barBox.x, boxes).toBeGreaterThanOrEqual(scrubberBox.x - 1);
    expect.soft(barBox.x + barBox.width, boxes).toBeLessThanOrEqual(scrubberBox.x + scrubberBox.width + 1);
    await viewer.viewport().focus();
    await page.keyboard.press('End');
    await expect.poll(() => viewer.frame(), { timeout: 10_000 }).toBe('Frame 24 / 24');
    await segment.click();
    await expect.poll(() => viewer.frame(), { timeout: 10_000 }).toBe('Frame 5 / 24');
    await page.screenshot({ path: join(ARTIFACTS, 'reader-cine-frame-range.png') });

    // Finding = Normal, answered for the frame shown.
    const finding = page.locator('fieldset.classify-field', {
      has: page.locator('legend', { hasText: 'Finding' }),
    });
    await finding.getByRole('radio', { name: 'Normal' }).click();
    await viewer.saved();
    const classifications = (await annotations(token, `?imageId=${imageId}`)).filter(
      (x) => x.payload.type === 'classification',
    );
    expect(classifications).toHaveLength(1);
    expect(classifications[0]).toMatchObject({
      labelId: labelIdOf('Finding'),
      payload: {
        imageRef: { imageId, frameIndex: 4 },
        data: { level: 'image', value: { kind: 'single', choice: 'normal' } },
      },
    });
    expect(await finding.getByRole('radio', { name: 'Normal' }).isChecked()).toBe(true);
    expect(session.pageErrors).toEqual([]);
  }, 90_000);

  it('measures a length on the X-ray: stored on the image, slice 0, in mm at the imager pixel spacing', async () => {
    const viewer = viewerOn(page, session.pageErrors);
    const { imageId } = await imageOfSeries('Demo chest PA');
    await viewer.openSeries(server.url, projectId, /Demo chest PA/);
    await page.keyboard.press('l');
    await viewer.drag([200, 300], [380, 360]);
    await viewer.drawn('length');
    await viewer.saved();
    const [length] = (await annotations(token, `?imageId=${imageId}`)).filter(
      (x) => x.payload.type === 'length',
    );
    expect(length).toMatchObject({
      imageId,
      seriesId: null,
      labelId: labelIdOf('Diameter'),
      payload: { imageRef: { imageId, sliceIndex: 0 }, data: { unit: { value: 'mm' } } },
    });
    const { value, points } = length!.payload.data as { value: number; points: Point[] };
    expect(value).toBeGreaterThan(10);
    // A DX states its detector's Imager Pixel Spacing (0.3 mm), and the project's image model
    // (docs/image-model.md) measures projection images by it: the stored pixels and mm must agree at it.
    const image = await call(server.url, token, 'GET', `/api/projects/${projectId}/images/${imageId}`);
    const [p, q] = points;
    const pixels = Math.hypot(q!.index[0]! - p!.index[0]!, q!.index[1]! - p!.index[1]!);
    expect(image.body.geometry.pixelSpacing).toEqual([0.3, 0.3]);
    expect(value / pixels).toBeCloseTo(0.3, 3);
    await page.screenshot({ path: join(ARTIFACTS, 'reader-xray-length.png') });
    expect(session.pageErrors).toEqual([]);
  });

  it('places a landmark on an imported oblique NIfTI where its own affine puts the voxel', async () => {
    const form = new FormData();
    form.append('file', new Blob([readFileSync(NIFTI)]), 'oblique-epi.nii');
    const upload = await fetch(`${server.url}/api/projects/${projectId}/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    expect(upload.status).toBe(202);
    const { jobId } = (await upload.json()) as { jobId: string };
    await expect
      .poll(
        async () => (await call(server.url, token, 'GET', `/api/projects/${projectId}/jobs/${jobId}`)).body,
        {
          timeout: 30_000,
        },
      )
      .toMatchObject({ state: 'done', counts: { imported: 1, failed: 0 } });
    const listed = await call(server.url, token, 'GET', `/api/projects/${projectId}/images?format=nifti`);
    const imageId = String(listed.body.images[0].id);

    const viewer = viewerOn(page, session.pageErrors);
    await viewer.open(() => page.goto(`${server.url}/projects/${projectId}/images/${imageId}`));
    await expect.poll(() => viewer.frame()).toBe('Slice 1 / 35');
    // Shown the right way up and unrotated, though oblique.
    expect(await page.getByTestId('view-transforms').count()).toBe(0);
    await page.keyboard.press('PageDown'); // ten slices up: off the first slice, into the brain
    await expect.poll(() => viewer.frame(), { timeout: 10_000 }).toBe('Slice 11 / 35');
    await page.locator('.label-picker button', { hasText: 'Carina' }).click();
    await viewer.viewport().focus();
    await page.keyboard.press('k');
    const box = (await viewer.viewport().boundingBox())!;
    await viewer.click(box.width / 2, box.height / 2);
    await viewer.drawn('landmark');
    await viewer.saved();
    const [landmark] = (await annotations(token, `?imageId=${imageId}`)).filter(
      (x) => x.payload.type === 'landmark',
    );
    expect(landmark).toMatchObject({
      imageId,
      labelId: labelIdOf('Carina'),
      payload: { imageRef: { imageId, sliceIndex: 10 }, data: { name: 'Carina' } },
    });
    const { index, patient } = landmark!.payload.data.point as Point;
    const expected = niftiPatientPoint(NIFTI, index);
    expect(expected.shape).toEqual([64, 64, 35]);
    for (const axis of [0, 1, 2]) {
      expect(index[axis]!).toBeGreaterThanOrEqual(-0.5);
      expect(index[axis]!).toBeLessThanOrEqual(expected.shape[axis]! - 0.5);
      expect
        .soft(
          Math.abs(patient[axis]! - expected.lps[axis]!),
          `patient[${axis}] of index ${index}: ${patient} mm, nibabel ${expected.lps}`,
        )
        .toBeLessThan(0.01);
    }
    // The slice shown is the stored slice: the landmark lies on it.
    expect(index[2]).toBeCloseTo(10, 6);
    await page.screenshot({ path: join(ARTIFACTS, 'reader-nifti-landmark.png') });
    expect(session.pageErrors).toEqual([]);
  });
});
