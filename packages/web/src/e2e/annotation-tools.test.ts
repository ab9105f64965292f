import { join } from 'node:path';
import { PHANTOM_STRUCTURES } from '@voxelhub/core/demo';
import { labelMapFromNifti, segmentVoxelCounts } from '@voxelhub/core/segmentation';
import { adminToken, call, type ServerProcess } from '@voxelhub/server/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, type BrowserSession, openBrowserSession } from './browser-session.js';
import { browserTestsSkipReason } from './chromium.js';
import { viewportPointer } from './viewport-pointer.js';

const skipReason = browserTestsSkipReason();
if (skipReason) console.warn(skipReason);

const ADMIN_PASSWORD = 'annotation-tools-password';

type Point = { readonly index: number[]; readonly patient: number[] };
interface StoredAnnotation {
  readonly id: string;
  readonly labelId: string;
  readonly revision: number;
  readonly payload: {
    readonly type: string;
    readonly imageRef: { readonly imageId: string; readonly sliceIndex?: number };
    // biome-ignore lint/suspicious/noExplicitAny: each test reads the fields of its own type.
    readonly data: any;
  };
}

/** Canvas pixels (in the viewport's CSS pixels) of the brightest structure on screen: the phantom's vertebra. */
function brightCentroid(page: Page): Promise<{ x: number; y: number; count: number }> {
  return page.getByTestId('viewport').evaluate((root) => {
    const source = root.querySelector('canvas')!;
    const copy = document.createElement('canvas');
    copy.width = source.width;
    copy.height = source.height;
    const context = copy.getContext('2d')!;
    context.drawImage(source, 0, 0);
    const { data } = context.getImageData(0, 0, copy.width, copy.height);
    let [sx, sy, count] = [0, 0, 0];
    for (let y = 0; y < copy.height; y++)
      for (let x = 0; x < copy.width; x++) {
        const o = (y * copy.width + x) * 4;
        if (data[o]! > 250 && data[o + 1]! > 250 && data[o + 2]! > 250)
          [sx, sy, count] = [sx + x, sy + y, count + 1];
      }
    const scale = source.getBoundingClientRect().width / source.width;
    return { x: (sx / count) * scale, y: (sy / count) * scale, count };
  });
}

/**
 * Every drawn annotation type in Chromium against the real server, on the demo CT: drawn with real pointer
 * and keyboard events, saved through the API, checked against the phantom the demo was generated from
 * (the vertebra's position in patient mm, its Hounsfield units), and still there — unchanged — after a reload.
 */
describe.skipIf(skipReason !== undefined)('annotation tools (Chromium)', () => {
  let session: BrowserSession;
  let server: ServerProcess;
  let page: Page;
  let token: string;
  let projectId: string;

  beforeAll(async () => {
    session = await openBrowserSession({ name: 'annotate', adminPassword: ADMIN_PASSWORD });
    ({ server, page } = session);
    token = await adminToken(server.url, ADMIN_PASSWORD);
    const projects = await call(server.url, token, 'GET', '/api/projects');
    projectId = (projects.body as { projects: { id: string; name: string }[] }).projects.find((p) =>
      p.name.startsWith('Demo'),
    )!.id;
    await session.signIn();
  }, 90_000);

  afterAll(() => session?.close());

  const viewport = () => page.getByTestId('viewport');
  const drag = (...points: [number, number][]) => viewportPointer(page).drag(...points);
  const click = (x: number, y: number) => viewportPointer(page).click(x, y);

  async function openCt() {
    await page.goto(server.url);
    await page.getByRole('link', { name: /^Demo/ }).first().click({ timeout: 15_000 });
    await page.getByRole('link', { name: /Demo CT torso phantom/ }).click();
    await viewport().and(page.locator('[data-status="ready"]')).waitFor({ timeout: 30_000 });
    await page.getByTestId('annotation-list').waitFor({ state: 'attached', timeout: 20_000 });
    await viewport().focus();
  }

  async function stored(): Promise<StoredAnnotation[]> {
    const res = await call(server.url, token, 'GET', `/api/projects/${projectId}/annotations`);
    return (res.body as { annotations: StoredAnnotation[] }).annotations;
  }

  async function saved() {
    await expect
      .poll(() => page.getByTestId('save-indicator').getAttribute('data-state'), { timeout: 20_000 })
      .toBe('saved');
  }

  /** Goes to a slice (1-based, as the corner shows it) from the first, 10 at a time, then 1 at a time. */
  async function goToSlice(slice: number) {
    await viewport().focus();
    await page.keyboard.press('Home');
    for (let n = 0; n < Math.floor((slice - 1) / 10); n++) await page.keyboard.press('PageDown');
    for (let n = 0; n < (slice - 1) % 10; n++) await page.keyboard.press('ArrowDown');
    await page.getByTestId('slice-counter').getByText(`Slice ${slice} / 40`).waitFor({ timeout: 10_000 });
  }

  const rows = (type: string) => page.locator(`[data-testid="annotation-list"] [data-type="${type}"]`);

  async function drawn(type: string, count = 1) {
    await expect
      .poll(() => rows(type).count(), { timeout: 15_000 })
      .toBe(count)
      .catch(async (error) => {
        const problem = await page.locator('.annotation-problem').allTextContents();
        await page.screenshot({ path: join(ARTIFACTS, `annotate-failed-${type}.png`) });
        throw new Error(
          `${type}: ${error}; the viewer says: ${problem.join(' ') || 'nothing'}; page errors: ${session.pageErrors.join(' | ')}`,
        );
      });
  }

  it('finds a label of every kind in the demo schema', async () => {
    const res = await call(server.url, token, 'GET', `/api/projects/${projectId}`);
    const types = new Set((res.body as { labels: { type: string }[] }).labels.map((l) => l.type));
    for (const type of [
      'mask',
      'box',
      'polygon',
      'polyline',
      'point',
      'measurement',
      'classification',
      'frame-label',
    ])
      expect(types.has(type), type).toBe(true);
  });

  it('places a landmark on the vertebra where the phantom put it, in patient mm', async () => {
    await openCt();
    await page.keyboard.press('Shift+Digit2'); // soft tissue window: only the vertebra (700 HU) is white
    await expect
      .poll(async () => (await brightCentroid(page)).count, { timeout: 10_000 })
      .toBeGreaterThan(50);
    const vertebra = await brightCentroid(page);
    await page.keyboard.press('k');
    await click(vertebra.x, vertebra.y);
    await drawn('landmark');
    await saved();
    const [landmark] = (await stored()).filter((a) => a.payload.type === 'landmark');
    // The demo CT is 128 × 128 at 1 mm, centred on the origin; the vertebra's axis is at u = 0, v = 0.45.
    const centre = PHANTOM_STRUCTURES.find((s) => s.name === 'vertebra')!.centre;
    const [x, y] = landmark!.payload.data.point.patient as number[];
    expect(x).toBeCloseTo(centre[0] * 64, -0.5); // within about 1.5 mm
    expect(y).toBeCloseTo(centre[1] * 64, -0.5);
    expect(landmark!.payload.imageRef.sliceIndex).toBe(0);
    expect(landmark!.payload.data.name).toBe('Carina');
  });

  it('measures the vertebra in Hounsfield units with a rectangle region', async () => {
    const vertebra = await brightCentroid(page);
    await page.keyboard.press('t');
    await drag([vertebra.x - 12, vertebra.y - 12], [vertebra.x + 12, vertebra.y + 12]);
    await drawn('rectangleRoi');
    await saved();
    const [roi] = (await stored()).filter((a) => a.payload.type === 'rectangleRoi');
    const { statistics } = roi!.payload.data;
    const hu = PHANTOM_STRUCTURES.find((s) => s.name === 'vertebra')!.hu;
    expect(statistics.unit.value).toBe("[hnsf'U]");
    expect(Math.abs(statistics.mean - hu)).toBeLessThan(15);
    expect(statistics.area).toBeGreaterThan(20);
  });

  it('draws a length, an angle, an ellipse and a circle region', async () => {
    await goToSlice(31); // each group of shapes on a slice of its own: a drag starting on a shape moves it
    await page.keyboard.press('l');
    await drag([250, 300], [350, 300]);
    await drawn('length');
    await page.keyboard.press('a');
    await drag([250, 380], [320, 380]);
    await click(320, 320);
    await drawn('angle');
    await goToSlice(33); // the length's text box is placed by Cornerstone: keep clear of it
    await page.keyboard.press('Shift+KeyC');
    await drag([420, 300], [480, 340]);
    await drawn('ellipseRoi');
    await goToSlice(35);
    await page.keyboard.press('c');
    await drag([120, 420], [140, 420]); // clear of the vertebra's region and its text
    await drawn('circleRoi');
    await saved();
    const all = await stored();
    const length = all.find((a) => a.payload.type === 'length')!;
    const [a, b] = length.payload.data.points as Point[];
    // A horizontal drag: the same row, and the length is the distance of the patient points.
    expect(a!.index[1]).toBeCloseTo(b!.index[1]!, 3);
    expect(length.payload.data.value).toBeCloseTo(Math.hypot(b!.patient[0]! - a!.patient[0]!, 0), 3);
    const angle = all.find((x) => x.payload.type === 'angle')!;
    expect(angle.payload.data.value).toBeGreaterThan(20);
    expect(angle.payload.data.value).toBeLessThan(160);
    for (const type of ['ellipseRoi', 'circleRoi']) {
      const roi = all.find((x) => x.payload.type === type)!;
      expect(roi.payload.data.statistics.area, type).toBeGreaterThan(10);
    }
  });

  it('draws a 2D box and a 3D box stretched over four slices', async () => {
    await goToSlice(6);
    await page.keyboard.press('x');
    await drag([240, 220], [300, 260]);
    await drawn('box2d');
    await page.keyboard.press('Shift+KeyX');
    await drag([60, 300], [110, 340]); // clear of the other annotations and their text
    await drawn('box3d');
    await page.locator('[data-type="box3d"] .select').click();
    await viewport().focus();
    for (let n = 0; n < 3; n++) await page.keyboard.press('ArrowDown');
    await page.getByTestId('slice-counter').getByText('Slice 9 / 40').waitFor({ timeout: 10_000 });
    await page.keyboard.press('>');
    await expect.poll(() => rows('box3d').first().textContent()).toContain('slices 6–9');
    await saved();
    const box = (await stored()).find((a) => a.payload.type === 'box3d')!;
    expect(box.payload.data.min.index[2]).toBeCloseTo(4.5, 6);
    expect(box.payload.data.max.index[2]).toBeCloseTo(8.5, 6);
    // 2.5 mm slices: four of them are 10 mm deep.
    expect(Math.abs(box.payload.data.max.patient[2] - box.payload.data.min.patient[2])).toBeCloseTo(10, 3);
    await page.keyboard.press('Home');
  });

  it('draws a polygon by its corners, a freehand contour and a polyline', async () => {
    await goToSlice(11); // a slice of their own: a drag that starts on another shape would move it
    await page.keyboard.press('y');
    for (const [x, y] of [
      [200, 420],
      [260, 410],
      [250, 470],
      [200, 420],
    ] as [number, number][])
      await click(x, y);
    await drawn('polygon');
    await page.keyboard.press('f');
    await drag([420, 420], [470, 430], [470, 480], [420, 480], [421, 422]);
    await drawn('freehandContour');
    await page.keyboard.press('u');
    await drag([200, 520], [260, 540], [320, 520]);
    await drawn('polyline');
    await saved();
    const all = await stored();
    const polygon = all.find((a) => a.payload.type === 'polygon')!;
    expect(polygon.payload.data.points).toHaveLength(3);
    expect(all.find((a) => a.payload.type === 'freehandContour')!.payload.data.points.length).toBeGreaterThan(
      3,
    );
    expect(all.find((a) => a.payload.type === 'polyline')!.payload.data.points.length).toBeGreaterThan(1);
    await page.screenshot({ path: join(ARTIFACTS, 'viewer-ct-outlines.png') });
    await goToSlice(31);
    await page.screenshot({ path: join(ARTIFACTS, 'viewer-ct-measurements.png') });
    await goToSlice(1);
    await page.screenshot({ path: join(ARTIFACTS, 'viewer-ct-annotations.png') });
  });

  it('brings every annotation back after a reload, on the same voxels, without saving anything again', async () => {
    const before = await stored();
    expect(new Set(before.map((a) => a.payload.type))).toEqual(
      new Set([
        'landmark',
        'rectangleRoi',
        'length',
        'angle',
        'ellipseRoi',
        'circleRoi',
        'box2d',
        'box3d',
        'polygon',
        'freehandContour',
        'polyline',
      ]),
    );
    await page.reload();
    await viewport().and(page.locator('[data-status="ready"]')).waitFor({ timeout: 30_000 });
    await expect
      .poll(() => page.locator('[data-testid="annotation-list"] > li').count(), { timeout: 20_000 })
      .toBe(before.length);
    // Region statistics are recomputed when shown: that must not count as an edit.
    await page.waitForTimeout(2_500);
    await saved();
    const after = await stored();
    expect(after.map((a) => [a.id, a.revision, a.payload])).toEqual(
      before.map((a) => [a.id, a.revision, a.payload]),
    );
  });

  it('paints a mask on two slices, fills between them, and saves it as a label map', async () => {
    await goToSlice(21);
    await page.locator('.label-picker button', { hasText: 'Liver' }).click();
    await page.getByTestId('segmentation-tool-brush').waitFor({ timeout: 10_000 });
    await expect
      .poll(() => page.getByTestId('segmentation-tool-brush').getAttribute('aria-pressed'))
      .toBe('true');
    await viewport().focus();
    await drag([150, 330], [180, 345], [210, 360]);
    for (let n = 0; n < 4; n++) await page.keyboard.press('ArrowDown');
    await page.getByTestId('slice-counter').getByText('Slice 25 / 40').waitFor({ timeout: 10_000 });
    await drag([150, 330], [180, 345], [210, 360]);
    await page.keyboard.press('Shift+KeyL'); // fill the slices between
    await expect
      .poll(
        async () => {
          const mask = (await stored()).find((a) => a.payload.type === 'segmentation');
          if (!mask) return 0;
          const res = await fetch(
            `${server.url}/api/projects/${projectId}/annotation-blobs/${mask.payload.data.blobKey}`,
            {
              headers: { authorization: `Bearer ${token}` },
            },
          );
          const { map } = labelMapFromNifti(new Uint8Array(await res.arrayBuffer()));
          const [nx, ny] = map.dims;
          const painted = new Set<number>();
          map.voxels.forEach((v, n) => v > 0 && painted.add(Math.floor(n / (nx * ny))));
          return [...painted].sort((a, b) => a - b).join(',');
        },
        { timeout: 30_000 },
      )
      .toBe('20,21,22,23,24');
    const mask = (await stored()).find((a) => a.payload.type === 'segmentation')!;
    expect(mask.payload.data.representation).toBe('labelMap');
    expect(mask.payload.data.segments.map((s: { name: string }) => s.name)).toEqual(['Liver']);
    const res = await fetch(
      `${server.url}/api/projects/${projectId}/annotation-blobs/${mask.payload.data.blobKey}`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    const { map, geometry } = labelMapFromNifti(new Uint8Array(await res.arrayBuffer()));
    expect(map.dims).toEqual([128, 128, 40]);
    expect(geometry.spacing.map((v) => Math.round(v * 100) / 100)).toEqual([1, 1, 2.5]);
    const voxels = segmentVoxelCounts(map).get(1) ?? 0;
    expect(voxels).toBeGreaterThan(50);
    await page.screenshot({ path: join(ARTIFACTS, 'viewer-ct-mask.png') });
    await page.keyboard.press('Shift+KeyB'); // put the brush down
    await page.keyboard.press('Home');
  });

  it('edits a length by its handle, undoes and redoes it, deletes and restores by undo', async () => {
    const length = (await stored()).find((a) => a.payload.type === 'length')!;
    await goToSlice(31);
    await page.keyboard.press('Escape'); // no drawing tool: the left button moves handles
    await drag([350, 300], [380, 330]);
    await expect
      .poll(async () => (await stored()).find((a) => a.id === length.id)!.revision, { timeout: 20_000 })
      .toBe(length.revision + 1);
    const moved = (await stored()).find((a) => a.id === length.id)!;
    expect(moved.payload.data.value).toBeGreaterThan(length.payload.data.value);
    await page.keyboard.press('Control+z');
    await expect
      .poll(async () => (await stored()).find((a) => a.id === length.id)!.payload.data.value, {
        timeout: 20_000,
      })
      .toBeCloseTo(length.payload.data.value, 6);
    await page.keyboard.press('Control+Shift+Z');
    await expect
      .poll(async () => (await stored()).find((a) => a.id === length.id)!.payload.data.value, {
        timeout: 20_000,
      })
      .toBeCloseTo(moved.payload.data.value, 6);
    await page.locator('[data-type="length"] .select').click();
    await viewport().focus();
    await page.keyboard.press('Delete');
    await drawn('length', 0);
    await expect
      .poll(async () => (await stored()).some((a) => a.id === length.id), { timeout: 20_000 })
      .toBe(false);
    await page.keyboard.press('Control+z');
    await drawn('length', 1);
    await expect
      .poll(async () => (await stored()).some((a) => a.id === length.id), { timeout: 20_000 })
      .toBe(true);
    expect(session.pageErrors).toEqual([]);
  });
});
