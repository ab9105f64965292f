import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, openBrowserSession } from './browser-session.js';
import { browserTestsSkipReason } from './chromium.js';

const skipReason = browserTestsSkipReason();
if (skipReason) console.warn(skipReason);

/** The screenshot docs/catalog.md and the README show. */
const DOCS_IMAGES = fileURLToPath(new URL('../../../../docs/images/', import.meta.url));

/**
 * Issue 8's search in Chromium against the real server and the repository's catalog: a researcher looks
 * for "CT kidney segmentation", finds the KiTS datasets with their licenses and sizes, narrows by access,
 * goes back, and opens a card's details.
 */
describe.skipIf(skipReason !== undefined)('the catalog page (Chromium)', () => {
  let session: BrowserSession;
  let page: Page;

  beforeAll(async () => {
    session = await openBrowserSession({
      name: 'catalog',
      adminPassword: 'catalog-password',
      consoleErrors: true,
    });
    page = session.page;
    await page.setViewportSize({ width: 1280, height: 900 });
    await mkdir(DOCS_IMAGES, { recursive: true });
  }, 60_000);
  afterAll(() => session?.close());

  const status = () => page.getByRole('status').filter({ hasText: /datasets$/ });
  const shown = async () => Number(/^(\d+) of/.exec((await status().textContent()) ?? '')?.[1]);

  it('finds kidney tumour CT datasets with their licenses, narrows by facet, and keeps the search in the address', async () => {
    await session.signIn();
    await page.getByRole('link', { name: 'Catalog' }).click();
    await page.getByRole('heading', { name: 'Catalog', level: 1 }).waitFor();
    const all = await shown();
    expect(all).toBeGreaterThanOrEqual(80);

    // "/" focuses the search box from anywhere on the page.
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('/');
    const search = page.getByRole('searchbox', { name: 'Search datasets' });
    expect(await search.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('CT kidney segmentation');
    await page.waitForFunction(() => window.location.search.includes('q=CT+kidney+segmentation'));
    const kits = page.getByRole('article', { name: /KiTS23/ });
    await kits.waitFor();
    expect(await kits.getByText('CC BY-NC-SA 4.0').count()).toBeGreaterThan(0);
    expect(await kits.getByText('489', { exact: true }).count()).toBeGreaterThan(0);
    const found = await shown();
    expect(found).toBeGreaterThan(0);
    expect(found).toBeLessThan(all);
    // Every card found is a CT dataset.
    const cards = page.getByRole('article');
    expect(await cards.count()).toBe(found);
    for (const card of await cards.all()) expect(await card.getByText('CT', { exact: true }).count()).toBe(1);

    // A facet narrows (its count is what it gives), and Back undoes it.
    const facet = page
      .getByRole('group', { name: 'Access' })
      .getByRole('checkbox', { name: /Open download/ });
    const openCount = Number(
      await page
        .getByRole('group', { name: 'Access' })
        .locator('label', { hasText: 'Open download' })
        .locator('.muted')
        .textContent(),
    );
    await facet.check();
    await page.waitForFunction(() => window.location.search.includes('access=open'));
    expect(await shown()).toBe(openCount);
    await page.screenshot({ path: join(DOCS_IMAGES, 'catalog.png') });
    await page.goBack();
    await page.waitForFunction(() => !window.location.search.includes('access=open'));
    expect(await shown()).toBe(found);

    // The card's details: labels, citation and the sources its facts were checked against.
    await kits.getByRole('button', { name: 'More' }).click();
    await kits.getByText('Checked against:').waitFor();
    expect(await kits.getByText(/kidney, tumor, cyst/).count()).toBe(1);

    // The address alone reproduces the search (a bookmark, a shared link).
    await page.goto(`${session.server.url}/catalog?q=kidney&modality=ct`);
    await page.getByRole('article', { name: /KiTS23/ }).waitFor();
    expect(await page.getByRole('searchbox', { name: 'Search datasets' }).inputValue()).toBe('kidney');
    expect(session.pageErrors).toEqual([]);
  });
});
