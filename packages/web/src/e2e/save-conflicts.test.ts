import { join } from 'node:path';
import { adminToken, call, type ServerProcess } from '@voxelhub/server/testing';
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describePayload, type LabelName } from '../annotations/describe-payload.js';
import { ARTIFACTS, type BrowserSession, openBrowserSession } from './browser-session.js';
import { browserTestsSkipReason } from './chromium.js';
import { viewportPointer } from './viewport-pointer.js';

const skipReason = browserTestsSkipReason();
if (skipReason) console.warn(skipReason);

const ADMIN_PASSWORD = 'save-conflicts-password';

/** What the page sends its saves to: the list, the creates, and every annotation's own address. */
const ANNOTATION_REQUESTS = '**/api/projects/*/annotations**';

type Point = { readonly index: number[]; readonly patient: number[] };
interface StoredAnnotation {
  readonly id: string;
  readonly revision: number;
  readonly labelId: string;
  readonly payload: {
    readonly type: string;
    readonly labelId: string;
    // biome-ignore lint/suspicious/noExplicitAny: each test reads the fields of its own type.
    readonly data: any;
    // biome-ignore lint/suspicious/noExplicitAny: carried through unchanged.
    readonly [field: string]: any;
  };
}

/**
 * A colleague's edit of a length: its first point moved `t` of the length further out along the line.
 * Index and patient points move by the same fraction of the same segment, so they stay one point under the
 * image's affine whatever the geometry, and the value is recomputed as the server requires.
 */
function lengthStretched(payload: StoredAnnotation['payload'], t: number): StoredAnnotation['payload'] {
  const [a, b] = payload.data.points as [Point, Point];
  const out = (p: number[], q: number[]) => p.map((v, n) => v + t * (v - q[n]!));
  const first = { index: out(a.index, b.index), patient: out(a.patient, b.patient) };
  const value = Math.hypot(...first.patient.map((v, n) => v - b.patient[n]!));
  return { ...payload, data: { ...payload.data, points: [first, b], value } };
}

/**
 * The viewer's save engine against the real server in Chromium: a colleague's save made while the user
 * edits the same length comes back as a 409, the user sees both versions and settles it (keep mine, take
 * theirs), and saves made while the network is down wait, retry, and reach the server once.
 */
describe.skipIf(skipReason !== undefined)('saving against the real server (Chromium)', () => {
  let session: BrowserSession;
  let server: ServerProcess;
  let page: Page;
  let token: string;
  let projectId: string;
  let labels: readonly LabelName[];
  /**
   * Where a point of the demo CT's first slice is in viewport pixels while everything is saved, learnt from
   * the first drawing. A handle is found from its stored voxel, not from where the last drag let go: the
   * viewer bar changes height with the save indicator's text, and the image moves with it.
   */
  let pixelOf: (point: Point) => [number, number];

  beforeAll(async () => {
    // The 409s and the dropped requests are logged by Chromium as console errors: only page errors count.
    session = await openBrowserSession({ name: 'save-conflicts', adminPassword: ADMIN_PASSWORD });
    ({ server, page } = session);
    token = await adminToken(server.url, ADMIN_PASSWORD);
    const projects = await call(server.url, token, 'GET', '/api/projects');
    projectId = (projects.body as { projects: { id: string; name: string }[] }).projects.find((p) =>
      p.name.startsWith('Demo'),
    )!.id;
    labels = (await call(server.url, token, 'GET', `/api/projects/${projectId}`)).body.labels;
    await session.signIn();
    await page.getByRole('link', { name: /^Demo/ }).first().click({ timeout: 15_000 });
    await page.getByRole('link', { name: /Demo CT torso phantom/ }).click();
    await viewport().and(page.locator('[data-status="ready"]')).waitFor({ timeout: 30_000 });
    await page.getByTestId('annotation-list').waitFor({ state: 'attached', timeout: 20_000 });
  }, 90_000);

  afterAll(() => session?.close());

  const viewport = () => page.getByTestId('viewport');
  const drag = (...points: [number, number][]) => viewportPointer(page).drag(...points);
  const at = (x: number, y: number) => viewportPointer(page).at(x, y);
  const indicator = () => page.getByTestId('save-indicator');
  const dialog = () => page.getByRole('dialog', { name: 'Conflicting edit' });
  const row = (type: string) => page.locator(`[data-testid="annotation-list"] > li[data-type="${type}"]`);

  async function stored(type: string): Promise<StoredAnnotation[]> {
    const res = await call(server.url, token, 'GET', `/api/projects/${projectId}/annotations`);
    expect(res.status).toBe(200);
    return (res.body as { annotations: StoredAnnotation[] }).annotations.filter(
      (a) => a.payload.type === type,
    );
  }

  async function state(expected: string, timeout = 20_000) {
    await expect.poll(() => indicator().getAttribute('data-state'), { timeout }).toBe(expected);
  }

  /** Whether the indicator leaves 'saved' (an edit is being saved) within `timeout` ms. */
  async function leavesSaved(timeout: number): Promise<boolean> {
    const deadline = Date.now() + timeout;
    while (Date.now() < deadline) {
      if ((await indicator().getAttribute('data-state')) !== 'saved') return true;
      await page.waitForTimeout(100);
    }
    return false;
  }

  /** Saves a changed payload through the API on the annotation's current revision, as a colleague would. */
  async function colleagueSaves(head: StoredAnnotation, payload: StoredAnnotation['payload']) {
    const res = await call(server.url, token, 'PUT', `/api/projects/${projectId}/annotations/${head.id}`, {
      baseRevision: head.revision,
      payload,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const saved = res.body.annotation as StoredAnnotation;
    expect(saved.revision).toBe(head.revision + 1);
    return saved;
  }

  /** What a version card of the dialog lists: label, type, then the payload's lines. */
  const card = (title: string) =>
    dialog().getByRole('region', { name: title }).locator('dd').allTextContents();
  const described = (payload: StoredAnnotation['payload']) => {
    const { label, type, lines } = describePayload(payload as never, labels);
    return [label, type, ...lines];
  };

  /** What the list row says of a length: its value, as the dialog words it. */
  const summaryOf = (payload: StoredAnnotation['payload']) =>
    describePayload(payload as never, labels).lines.find((line) => line.startsWith('Length '))!;

  /** Drags the length's second handle while the server already holds a colleague's newer version. */
  async function editIntoConflict(from: [number, number], to: [number, number]) {
    await viewport().focus();
    await page.keyboard.press('Escape'); // no drawing tool: the left button moves handles
    await drag(from, to);
    // On a loaded machine the press can come before Cornerstone has picked up the handle under it, and
    // the drag then edits nothing (seen once in CI). The conflict is what this test is about: a missed
    // grab is tried once more.
    if (!(await leavesSaved(5_000))) await drag(from, to);
    await state('conflict');
    await expect.poll(() => row('length').getAttribute('data-status')).toBe('conflict');
    await indicator().getByRole('button', { name: '1 conflict' }).click();
    await dialog().waitFor({ timeout: 5_000 });
  }

  it('shows a colleague’s save as a conflict and keeps mine on top of it', async () => {
    await viewport().focus();
    await page.keyboard.press('l');
    await drag([250, 300], [350, 300]);
    await expect.poll(() => row('length').count(), { timeout: 15_000 }).toBe(1);
    await state('saved');
    const [drawn] = await stored('length');
    expect(drawn!.revision).toBe(1);
    const [a, b] = drawn!.payload.data.points as [Point, Point];
    const scale = 100 / (b.index[0]! - a.index[0]!);
    pixelOf = (p) => [250 + (p.index[0]! - a.index[0]!) * scale, 300 + (p.index[1]! - a.index[1]!) * scale];

    const theirs = await colleagueSaves(drawn!, lengthStretched(drawn!.payload, 0.2));
    await editIntoConflict([350, 300], [380, 330]);

    // Both versions, each as the server or the browser holds it; nothing was saved over theirs.
    expect(await card('Their version')).toEqual(described(theirs.payload));
    await expect
      .poll(() => dialog().getByRole('region', { name: 'Their version' }).textContent())
      .toContain(`revision ${theirs.revision}`);
    await expect
      .poll(() => dialog().getByRole('region', { name: 'Your version' }).textContent())
      .toContain('edited from revision 1');
    const mine = await card('Your version');
    expect(mine).not.toEqual(described(theirs.payload));
    expect(await dialog().getByRole('button', { name: 'Merge' }).isDisabled()).toBe(true); // two positions
    await page.screenshot({ path: join(ARTIFACTS, 'conflict-dialog-real.png') });
    expect((await stored('length'))[0]!.revision).toBe(theirs.revision);

    await dialog().getByRole('button', { name: 'Keep mine' }).click();
    await state('saved');
    await expect.poll(() => dialog().count()).toBe(0);
    const [head] = await stored('length');
    expect(head!.revision).toBe(theirs.revision + 1);
    expect(described(head!.payload)).toEqual(mine);
    // My edit moved the second handle only: the first point is the one I drew, not the colleague's.
    expect(head!.payload.data.points[0]).toEqual(drawn!.payload.data.points[0]);
    expect(head!.payload.data.value).toBeGreaterThan(drawn!.payload.data.value);
    await expect.poll(() => row('length').locator('.summary').textContent()).toBe(summaryOf(head!.payload));
  });

  it('takes theirs on a second conflict: the list, the drawing and the server agree', async () => {
    const [before] = await stored('length');
    const theirs = await colleagueSaves(before!, lengthStretched(before!.payload, 0.25));
    const [x, y] = pixelOf(before!.payload.data.points[1]);
    await editIntoConflict([x, y], [x + 20, y + 30]);
    expect(await card('Their version')).toEqual(described(theirs.payload));
    expect(await card('Your version')).not.toEqual(described(theirs.payload));

    await dialog().getByRole('button', { name: 'Take theirs' }).click();
    await state('saved');
    await expect.poll(() => dialog().count()).toBe(0);
    await expect.poll(() => row('length').getAttribute('data-status')).toBe('saved');
    await expect.poll(() => row('length').locator('.summary').textContent()).toBe(summaryOf(theirs.payload));
    // Taking theirs saves nothing: after the save delay the server still holds their revision, unchanged.
    await page.waitForTimeout(1_500);
    await state('saved');
    const [head] = await stored('length');
    expect(head!.revision).toBe(theirs.revision);
    expect(head!.payload).toEqual(theirs.payload);

    // The drawing is theirs too: their first handle is where the server has it, and dragging it saves on
    // their revision with their second point untouched.
    const [tx, ty] = pixelOf(theirs.payload.data.points[0]);
    await viewport().focus();
    await drag([tx, ty], [tx - 10, ty + 20]);
    await expect
      .poll(async () => (await stored('length'))[0]!.revision, { timeout: 20_000 })
      .toBe(theirs.revision + 1);
    await state('saved');
    const [moved] = await stored('length');
    expect(moved!.payload.data.points[1]).toEqual(theirs.payload.data.points[1]);
    expect(moved!.payload.data.points[0]).not.toEqual(theirs.payload.data.points[0]);
  });

  it('keeps an angle drawn offline, retries, and saves it once when the network is back', async () => {
    let dropped = 0;
    const drop = (route: Route) => {
      dropped++;
      return route.abort('internetdisconnected');
    };
    await page.route(ANNOTATION_REQUESTS, drop);
    await viewport().focus();
    await page.keyboard.press('a');
    await drag([150, 450], [220, 450]);
    await page.mouse.click(...(await at(220, 400)));
    await expect.poll(() => row('angle').count(), { timeout: 15_000 }).toBe(1);
    // The first try after the save delay and the retry a second later: both dropped, the angle kept.
    await expect.poll(() => dropped, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    await state('unsaved');
    await expect.poll(() => indicator().textContent()).toContain('1 unsaved — retrying');
    await expect.poll(() => row('angle').getAttribute('data-status')).toBe('unsaved');
    expect(await stored('angle')).toEqual([]);

    await page.unroute(ANNOTATION_REQUESTS, drop);
    // The next retry comes by itself within the backoff (2 s after two failures, 4 s after three).
    await state('saved', 15_000);
    const angles = await stored('angle');
    expect(angles).toHaveLength(1);
    expect(angles[0]!.revision).toBe(1);
    expect(angles[0]!.payload.data.value).toBeGreaterThan(20);
    expect(angles[0]!.payload.data.value).toBeLessThan(160);
    await expect.poll(() => row('angle').getAttribute('data-status')).toBe('saved');
  });

  it('makes one landmark when the create’s answer is lost, and Retry now sends the rest at once', async () => {
    let applied: number | null = null;
    let dropped = 0;
    let lastFailure = 0;
    // The first create reaches the server and is applied; its answer never reaches the page. Later tries
    // do not get out at all.
    const loseAnswers = async (route: Route) => {
      if (applied === null && route.request().method() === 'POST') {
        applied = 0; // taken, before the await lets a second request in
        applied = (await route.fetch()).status();
      } else {
        dropped++;
        lastFailure = Date.now();
      }
      await route.abort('internetdisconnected');
    };
    await page.route(ANNOTATION_REQUESTS, loseAnswers);
    await viewport().focus();
    await page.keyboard.press('k');
    await page.mouse.click(...(await at(420, 200)));
    await expect.poll(() => row('landmark').count(), { timeout: 15_000 }).toBe(1);
    // Three failures (0.8 s, +1 s, +2 s): the engine's own next try is 4 s away.
    await expect.poll(() => dropped, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    await state('unsaved');
    expect(applied).toBe(201);
    const [made] = await stored('landmark');
    expect(made?.revision).toBe(1);

    await page.unroute(ANNOTATION_REQUESTS, loseAnswers);
    await indicator().getByRole('button', { name: 'Retry now' }).click();
    await state('saved', 10_000);
    expect(Date.now() - lastFailure).toBeLessThan(3_000);
    // The resent create found the landmark the lost one made: one landmark, its first revision.
    const landmarks = await stored('landmark');
    expect(landmarks.map((l) => [l.id, l.revision])).toEqual([[made!.id, 1]]);
    await expect.poll(() => row('landmark').getAttribute('data-status')).toBe('saved');
    expect(session.pageErrors).toEqual([]);
  });
});
