import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { adminToken, call, type ServerProcess, startServerProcess } from '@voxelhub/server/testing';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS } from './browser-session.js';
import { browserTestsSkipReason, type LaunchedBrowser, launchChromium } from './chromium.js';
import {
  AGREED_READING,
  createQualityProject,
  READINGS,
  readingPayloads,
  waitUntil,
} from './quality-project.js';

const skipReason = browserTestsSkipReason();
if (skipReason) console.warn(skipReason);

const ADMIN_PASSWORD = 'quality-review-password';
const WEB_DIST = fileURLToPath(new URL('../../dist/index.html', import.meta.url));
/** The screenshots the docs show (docs/quality.md): the dashboard and the review screen overlaid. */
const DOCS_IMAGES = fileURLToPath(new URL('../../../../docs/images/', import.meta.url));
const COMMENT = 'Your square is nowhere near the lesion: outline the lesion at the centre.';

interface Reader {
  readonly userId: string;
  readonly displayName: string;
  readonly taskId: string;
  readonly taskStatus: string;
}
interface Agreement {
  readonly labelId: string;
  readonly metric: string;
  readonly value: number | null;
  readonly passed: boolean;
}
interface Item {
  readonly id: string;
  readonly status: string;
  readonly readers: readonly Reader[];
  readonly agreement: readonly Agreement[] | null;
  readonly format: string | null;
  readonly dims: readonly number[] | null;
}

/**
 * Issue 6 in Chromium against the real server: three annotators read CT_small and disagree, the item is
 * disputed; a reviewer reads the dashboard and the queue, opens the item with the keyboard, compares the
 * readers side by side and overlaid, sends it back to the outlier with a comment, and when that reader has
 * finished again accepts reader 2's annotations. Every step is checked through the API too.
 */
describe.skipIf(skipReason !== undefined)('quality review (Chromium)', () => {
  let dataDir: string;
  let server: ServerProcess;
  let browser: LaunchedBrowser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(WEB_DIST)) throw new Error(`${WEB_DIST} is missing: build the web app first`);
    dataDir = await mkdtemp(join(tmpdir(), 'voxelhub-web-quality-'));
    [server, browser] = await Promise.all([
      startServerProcess({ dataDir, adminPassword: ADMIN_PASSWORD }),
      launchChromium(),
    ]);
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      // Before signing in, GET /api/auth/me answers 401: that is how the app learns to show the login.
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

  it('takes a disputed item from the dashboard through send-back to an accepted reader', async () => {
    const url = server.url;
    const token = await adminToken(url, ADMIN_PASSWORD);
    const setup = await createQualityProject(url, token);
    const { projectId, labels } = setup;
    const { imageId, geometry } = setup.ct;
    const api = `/api/projects/${projectId}`;
    const reviewer = await addReviewer(url, token, projectId);

    // 1. Two items read by all three annotators: they dispute the CT (READINGS) and agree on the MR.
    const created = await call(url, token, 'POST', `${api}/items`, {
      items: [{ imageId }, { imageId: setup.mr.imageId }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const [ctItem, mrItem] = created.body.items as [Item, Item];
    const itemId = ctItem.id;
    const taskOf = (item: Item, userId: string) => item.readers.find((r) => r.userId === userId)!;
    for (const [n, reader] of setup.readers.entries()) {
      const readings = [
        { item: ctItem, image: setup.ct, reading: READINGS[n]! },
        { item: mrItem, image: setup.mr, reading: AGREED_READING },
      ];
      for (const { item, image, reading } of readings) {
        for (const payload of readingPayloads(image.geometry, labels, image.imageId, reading)) {
          const made = await call(url, reader.token, 'POST', `${api}/annotations`, {
            labelId: payload.labelId,
            imageId: image.imageId,
            payload,
          });
          expect(made.status, JSON.stringify(made.body)).toBe(201);
        }
        const task = taskOf(item, reader.id);
        const done = await call(url, reader.token, 'PATCH', `${api}/tasks/${task.taskId}`, {
          status: 'done',
        });
        expect(done.status, JSON.stringify(done.body)).toBe(200);
      }
    }
    const getItem = async (id = itemId) =>
      (await call(url, token, 'GET', `${api}/items/${id}`)).body.item as Item;
    const settled = (id: string) =>
      waitUntil(`agreement of ${id}`, async () => {
        const item = await getItem(id);
        return item.status === 'reading' || item.status === 'computing' ? undefined : item;
      });
    const disputed = await settled(itemId);
    expect((await settled(mrItem.id)).status).toBe('agreed');
    expect(disputed.status).toBe('disputed');
    expect(disputed).toMatchObject({ format: 'dicom', dims: [128, 128, 1] });

    // The agreement, by hand. Masks: readers 1 and 2 share 36 × 40 = 1440 of their 1600 pixels each, Dice
    // 2·1440/3200 = 0.9; reader 3 overlaps neither (Dice 0); the mean over the three pairs is 0.3.
    const value = (labelId: string) => disputed.agreement!.find((a) => a.labelId === labelId)!.value!;
    expect(value(labels.mask)).toBeCloseTo(0.3, 12);
    // Boxes 1 and 2 overlap with IoU 1440/1760 ≥ 0.5 (a match, F1 1); reader 3's matches neither: F1 1/3.
    expect(value(labels.box)).toBeCloseTo(1 / 3, 12);
    // Landmarks: the mean of the three pairwise distances in mm, pixels scaled by the CT's spacing.
    const [sx, sy] = geometry.spacing;
    const mm = (p: readonly number[], q: readonly number[]) =>
      Math.hypot((p[0]! - q[0]!) * sx, (p[1]! - q[1]!) * sy);
    const [l1, l2, l3] = [READINGS[0].landmark, READINGS[1].landmark, READINGS[2].landmark];
    expect(value(labels.point)).toBeCloseTo((mm(l1, l2) + mm(l1, l3) + mm(l2, l3)) / 3, 9);
    // Findings: benign, benign, malignant. A classification's item score is the majority's share of the
    // answers (2 of 3), not the pairwise mean (1 of 3 pairs), so it passes its 0.6 threshold.
    expect(value(labels.finding)).toBeCloseTo(2 / 3, 12);

    // 2. The dashboard, as the reviewer: the table and the pass-rate chart show the report's numbers.
    await signIn(page, url, reviewer);
    const report = (await call(url, token, 'GET', `${api}/quality`)).body;
    expect(report.summary).toMatchObject({ items: 2, agreed: 1, disputed: 1 });
    // Fleiss' κ over the two items, three raters each, by hand (Fleiss 1971): P_1 = (2·1)/(3·2) = 1/3 for
    // benign, benign, malignant and P_2 = 1 for normal ×3, P̄ = 2/3; category shares benign 2/6, malignant
    // 1/6, normal 3/6 give P̄e = (4 + 1 + 9)/36 = 7/18; κ = (2/3 − 7/18)/(1 − 7/18) = 5/11.
    const findingRow = (report.perLabel as PerLabel[]).find((l) => l.labelName === 'Finding')!;
    expect(findingRow.fleissKappa).toBeCloseTo(5 / 11, 12);
    // Mask Dice per item 0.3 (CT) and 1 (MR): mean 0.65, one of two below 0.8.
    const maskRow = (report.perLabel as PerLabel[]).find((l) => l.labelName === 'Lesion')!;
    expect(maskRow).toMatchObject({ n: 2, belowThreshold: 1 });
    expect(maskRow.mean).toBeCloseTo(0.65, 12);
    await page.goto(`${url}/projects/${projectId}/quality`);
    await page.getByRole('heading', { name: 'Per label' }).waitFor();
    const summary = page.locator('dl.quality-summary');
    await expect
      .poll(() => summary.locator('div', { hasText: 'Disputed' }).locator('dd').textContent())
      .toBe('1');
    const labelTable = page.locator('section', { has: page.getByRole('heading', { name: 'Per label' }) });
    for (const row of report.perLabel as PerLabel[]) {
      const cells = labelTable
        .locator('tbody tr')
        .filter({ has: page.locator('th', { hasText: `${row.labelName} ${row.labelType}` }) })
        .locator('td');
      expect(await cells.allTextContents()).toEqual(expectedLabelCells(row));
    }
    const chart = labelTable.getByRole('img', { name: 'Share of items passing the threshold, per label' });
    expect(await chart.locator('.chart-value').allTextContents()).toEqual(
      (report.perLabel as PerLabel[]).map((l) => `${Math.round(((l.n - l.belowThreshold) / l.n) * 100)} %`),
    );
    const annotators = page.locator('section', { has: page.getByRole('heading', { name: 'Per annotator' }) });
    const perAnnotator = report.perAnnotator as {
      displayName: string;
      itemsDone: number;
      itemsAssigned: number;
      meanAgreement: number | null;
    }[];
    expect(perAnnotator.map((a) => [a.itemsDone, a.itemsAssigned])).toEqual([
      [2, 2],
      [2, 2],
      [2, 2],
    ]);
    const two = (v: number | null) => (v === null ? '—' : v.toFixed(2));
    for (const a of perAnnotator) {
      const cells = annotators.locator('tbody tr', {
        has: page.getByRole('rowheader', { name: a.displayName }),
      });
      expect((await cells.locator('td').allTextContents()).slice(0, 2)).toEqual([
        `${a.itemsDone} / ${a.itemsAssigned}`,
        two(a.meanAgreement),
      ]);
    }
    const agreementChart = annotators.getByRole('img', { name: /Mean agreement with the other readers/ });
    expect((await agreementChart.locator('.chart-value').allTextContents()).sort()).toEqual(
      perAnnotator.map((a) => two(a.meanAgreement)).sort(),
    );
    await page.screenshot({ path: join(DOCS_IMAGES, 'quality-dashboard.png') });
    await page.screenshot({ path: join(ARTIFACTS, 'quality-dashboard-full.png'), fullPage: true });

    // 3. The queue: the one disputed item, its failing labels; J/K move, Enter opens it.
    await page.getByRole('link', { name: 'Review queue' }).first().click();
    const queue = page.getByRole('list', { name: 'Disputed items' });
    await queue.waitFor();
    expect(await queue.locator('li.queue-item').count()).toBe(1);
    await queue.getByText('Lesion: 0.30 (≥ 0.80)').waitFor();
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    expect(await queue.locator('li.queue-item[aria-current="true"]').count()).toBe(1);
    const masks = watchMaskResponses(page);
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/projects/${projectId}/quality/items/${itemId}`);

    // 4. The review screen: one pane per reader, the CT drawn in each, every reader's mask fetched.
    const panes = page.locator('figure.slice-pane');
    await expect.poll(() => panes.count()).toBe(3);
    for (let n = 0; n < 3; n++)
      await expect.poll(() => naturalWidth(panes.nth(n).locator('img'))).toBe(geometry.columns);
    const readerIds = disputed.readers.map((r) => r.userId);
    await expect.poll(() => masks.okSources(labels.mask).sort()).toEqual([...readerIds].sort());
    expect(masks.failed).toEqual([]);
    expect(await page.locator('svg.shape-layer mask image').count()).toBe(3);
    // The item's format and dims were enough: the frame is CT_small's frame 1, and the series' metadata was
    // never read.
    const image = (await call(url, token, 'GET', `${api}/images/${imageId}`)).body;
    expect(await panes.first().locator('img').getAttribute('src')).toMatch(
      new RegExp(`/instances/${image.sopInstanceUid}/frames/1/rendered$`),
    );
    expect(requested.filter((path) => path.endsWith('/metadata'))).toEqual([]);
    // The agreement table marks each label with its schema colour (Lesion is #e04040).
    const lesion = page.locator('.agreement-table tbody th', { hasText: /^Lesion\s*Dice$/ });
    expect(await lesion.locator('.swatch').evaluate((e) => getComputedStyle(e).backgroundColor)).toBe(
      'rgb(224, 64, 64)',
    );
    // The answers the panes cannot draw, by option name, one column per reader in key order.
    const answers = page.locator('section', { has: page.getByRole('heading', { name: 'Answers' }) });
    const findingCells = answers.locator('tbody tr', { hasText: 'Finding' }).locator('td');
    const byReader = new Map(setup.readers.map((r, n) => [r.id, READINGS[n]!.finding]));
    // (Polled: the option names arrive with the project, after the item.)
    await expect
      .poll(() => findingCells.allTextContents())
      .toEqual(disputed.readers.map((r) => `Image level · Answer: ${capitalised(byReader.get(r.userId)!)}`));
    await answers.getByText('readers differ').waitFor();
    await page.keyboard.press('o');
    await expect.poll(() => panes.count()).toBe(1);
    await expect.poll(() => naturalWidth(panes.locator('img'))).toBe(geometry.columns);
    expect(await panes.locator('svg.shape-layer mask image').count()).toBe(3);
    await page.screenshot({ path: join(DOCS_IMAGES, 'quality-review.png') });
    await page.screenshot({ path: join(ARTIFACTS, 'quality-review-full.png'), fullPage: true });

    // 5. S: the dialog sends the item back to reader 3 alone, with the comment.
    const outlier = setup.readers[2];
    await page.keyboard.press('s');
    const dialog = page.getByRole('dialog', { name: 'Send back to the readers' });
    await dialog.waitFor();
    const comment = dialog.getByLabel('What should they look at again? (required)');
    expect(await comment.inputValue()).toBe('');
    await comment.fill(COMMENT);
    for (const reader of disputed.readers)
      if (reader.userId !== outlier.id)
        await dialog.getByLabel(reader.displayName, { exact: true }).uncheck();
    await dialog.getByRole('button', { name: 'Send back' }).click();
    await page
      .getByRole('status')
      .getByText(/Sent back to the readers/)
      .waitFor();
    const sentBack = await getItem();
    expect(sentBack.status).toBe('sent_back');
    expect(taskOf(sentBack, outlier.id).taskStatus).toBe('in_progress');
    for (const reader of setup.readers.slice(0, 2))
      expect(taskOf(sentBack, reader.id).taskStatus).toBe('done');
    const reviews = await call(
      url,
      outlier.token,
      'GET',
      `${api}/reviews?taskId=${taskOf(sentBack, outlier.id).taskId}`,
    );
    expect(reviews.body.reviews).toContainEqual(
      expect.objectContaining({ decision: 'changes_requested', comment: COMMENT }),
    );

    // 6. Reader 3 finishes again: the item is measured again and is still disputed.
    const again = await call(
      url,
      outlier.token,
      'PATCH',
      `${api}/tasks/${taskOf(sentBack, outlier.id).taskId}`,
      {
        status: 'done',
      },
    );
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    await waitUntil('disputed again', async () =>
      (await getItem()).status === 'disputed' ? true : undefined,
    );

    // 7. 2 and the confirmation accept the second reader's annotations.
    await page.reload();
    await page.locator('.heading-row .item-status', { hasText: 'disputed' }).waitFor();
    // Keys are heard once the screen has settled: wait for the slice, which loads after it.
    await expect.poll(() => naturalWidth(panes.first().locator('img'))).toBe(geometry.columns);
    const second = disputed.readers[1]!;
    const confirmations: string[] = [];
    page.once('dialog', (d) => {
      confirmations.push(d.message());
      void d.accept();
    });
    await page.keyboard.press('2');
    await page.getByRole('status').getByText(`Accepted ${second.displayName}'s annotations.`).waitFor();
    expect(confirmations).toEqual([`Make ${second.displayName}'s annotations the consensus of this item?`]);
    const resolved = (await call(url, token, 'GET', `${api}/items/${itemId}`)).body;
    expect(resolved.item.status).toBe('resolved');
    expect(resolved.consensus).toMatchObject({ status: 'accepted', method: 'reader-accepted' });
    expect(resolved.consensus.inputs).toHaveLength(4);
    expect(new Set(resolved.consensus.inputs.map((i: { readerId: string }) => i.readerId))).toEqual(
      new Set([second.userId]),
    );
    await page.locator('.heading-row .item-status', { hasText: 'resolved' }).waitFor();
    await page.getByRole('button', { name: 'Next disputed item →' }).click();
    await page.getByRole('status').getByText('No disputed items are left.').waitFor();

    // 8. Both decisions are in the audit log with who, what and the comment.
    const audit = readAudit(dataDir, projectId);
    const sent = audit.find((row) => row.action === 'quality.decision.send-back');
    expect(sent?.userId).toBe(reviewer.id);
    expect(sent?.details).toMatchObject({ from: 'disputed', comment: COMMENT, readers: [outlier.id] });
    const accepted = audit.find((row) => row.action === 'quality.decision.accept-reader');
    expect(accepted?.userId).toBe(reviewer.id);
    expect(accepted?.details).toMatchObject({ from: 'disputed', readerId: second.userId });
    expect(pageErrors).toEqual([]);
  }, 120_000);
});

interface PerLabel {
  readonly labelName: string;
  readonly metric: string;
  readonly higherIsBetter: boolean;
  readonly mean: number | null;
  readonly median: number | null;
  readonly n: number;
  readonly threshold: number;
  readonly belowThreshold: number;
  readonly labelType: string;
  readonly fleissKappa?: number | null;
  readonly krippendorffAlpha?: { estimate: number | null; lower: number | null; upper: number | null };
}

/** The per-label table's cells after the label's name, written from the report independently of the app. */
function expectedLabelCells(row: PerLabel): string[] {
  const mm = row.metric === 'distanceMm';
  const show = (v: number | null) => (v === null ? '—' : mm ? `${v.toFixed(1)} mm` : v.toFixed(2));
  const names: Record<string, string> = {
    dice: 'Dice',
    f1: 'F1',
    distanceMm: 'Distance',
    labelAgreement: 'Label agreement',
  };
  const cells = [
    names[row.metric]!,
    show(row.mean),
    show(row.median),
    String(row.n),
    `${row.higherIsBetter ? '≥' : '≤'} ${show(row.threshold)}`,
    String(row.belowThreshold),
    `${Math.round(((row.n - row.belowThreshold) / row.n) * 100)} %`,
  ];
  // The table adds Fleiss κ and Krippendorff α (with its interval) when any label is a classification.
  const two = (v: number | null) => (v === null ? '—' : v.toFixed(2));
  const alpha = row.krippendorffAlpha;
  cells.push(row.fleissKappa === undefined ? '' : two(row.fleissKappa));
  if (!alpha) cells.push('');
  else if (alpha.estimate === null) cells.push('—');
  else
    cells.push(
      `${two(alpha.estimate)}${alpha.lower !== null && alpha.upper !== null ? ` (${two(alpha.lower)}–${two(alpha.upper)})` : ''}`,
    );
  return cells;
}

function capitalised(text: string): string {
  return `${text[0]!.toUpperCase()}${text.slice(1)}`;
}

async function addReviewer(url: string, token: string, projectId: string) {
  const username = 'reviewer-one';
  const password = `${username}-password-123`;
  const user = await call(url, token, 'POST', '/api/users', { username, password });
  expect(user.status, JSON.stringify(user.body)).toBe(201);
  const member = await call(url, token, 'POST', `/api/projects/${projectId}/members`, {
    userId: user.body.id,
    role: 'reviewer',
  });
  expect([200, 201], JSON.stringify(member.body)).toContain(member.status);
  return { id: String(user.body.id), username, password };
}

async function signIn(page: Page, url: string, account: { username: string; password: string }) {
  await page.goto(url);
  await page.getByLabel('Username').fill(account.username);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor({ timeout: 20_000 });
}

function naturalWidth(img: ReturnType<Page['locator']>) {
  return img.evaluate((element: HTMLImageElement) => (element.complete ? element.naturalWidth : 0));
}

/** The mask PNG answers the page receives from now on: which sources answered 200 per label, and failures. */
function watchMaskResponses(page: Page) {
  const ok: { labelId: string; source: string }[] = [];
  const failed: string[] = [];
  page.on('response', (response) => {
    const match = /\/masks\/([0-9a-f-]{36})\.png\?(.*)$/.exec(response.url());
    if (!match) return;
    const source = new URLSearchParams(match[2]).get('source') ?? '';
    if (response.status() === 200) ok.push({ labelId: match[1]!, source });
    else failed.push(`${response.status()} ${response.url()}`);
  });
  return {
    failed,
    okSources: (labelId: string) => [
      ...new Set(ok.filter((r) => r.labelId === labelId).map((r) => r.source)),
    ],
  };
}

/** The project's quality rows of the audit log, read from the server's SQLite file (no route lists them). */
function readAudit(dataDir: string, projectId: string) {
  const db = new Database(join(dataDir, 'voxelhub.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare(
        "SELECT action, user_id AS userId, details FROM audit_log WHERE project_id = ? AND action LIKE 'quality.%' ORDER BY at",
      )
      .all(projectId) as { action: string; userId: string; details: string }[];
    return rows.map((row) => ({ ...row, details: JSON.parse(row.details) as Record<string, unknown> }));
  } finally {
    db.close();
  }
}
