import { join } from 'node:path';
import type { ServerProcess } from '@voxelhub/server/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, type BrowserSession, openBrowserSession } from './browser-session.js';
import { browserTestsSkipReason } from './chromium.js';
import { litPixels, webglRenderer } from './page-probes.js';

const skipReason = browserTestsSkipReason();
if (skipReason) console.warn(skipReason);

const ADMIN_PASSWORD = 'viewer-smoke-password';

/**
 * The smoke test of the viewer stack: the built app served by the real server, in Debian's Chromium
 * with SwiftShader. A misconfigured Cornerstone3D shows a blank page or hangs without an error, so this
 * checks what is on screen: the renderer, lit pixels, and that the wheel moves through the slices.
 */
describe.skipIf(skipReason !== undefined)('viewer smoke test (Chromium)', () => {
  let session: BrowserSession;
  let server: ServerProcess;
  let page: Page;
  let pageErrors: string[] = [];

  // Starting the server and Chromium side by side takes a few seconds, more on a busy CI machine.
  beforeAll(async () => {
    session = await openBrowserSession({ name: 'smoke', adminPassword: ADMIN_PASSWORD, consoleErrors: true });
    ({ server, page, pageErrors } = session);
  }, 60_000);

  afterAll(() => session?.close());

  it('signs in, opens the demo CT, renders it with SwiftShader, scrolls, sets window/level, signs out', async () => {
    await page.goto(server.url);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByRole('link', { name: /Demo/ }).click();
    // Each series shows its middle image, rendered by the server (WADO-RS rendered).
    const thumbnails = page.locator('img.thumbnail');
    await expect.poll(() => thumbnails.count(), { timeout: 15_000 }).toBe(3);
    for (const thumbnail of await thumbnails.all()) {
      await thumbnail.scrollIntoViewIfNeeded(); // thumbnails load lazily, once they are on screen
      await expect
        .poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), {
          timeout: 15_000,
        })
        .toBe(true);
    }
    await page.getByRole('link', { name: /Demo CT torso phantom/ }).click();

    const viewport = page.getByTestId('viewport');
    const counter = page.getByTestId('slice-counter');
    await viewport
      .and(page.locator('[data-status="ready"]'))
      .waitFor({ timeout: 30_000 })
      .catch((error) => {
        throw new Error(
          `the viewer did not show the first image: ${error}\npage errors: ${pageErrors.join('\n')}`,
        );
      });
    const firstImageMs = Number(await viewport.getAttribute('data-first-image-ms'));
    console.info(`viewer smoke: first CT image on screen ${firstImageMs} ms after the viewer opened`);

    expect(await webglRenderer(page)).toMatch(/SwiftShader/);
    await expect.poll(() => litPixels(viewport), { timeout: 10_000 }).toBeGreaterThan(1000);
    await expect.poll(() => counter.textContent()).toBe('Slice 1 / 40');

    const box = (await viewport.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, 120);
    await expect.poll(() => counter.textContent(), { timeout: 10_000 }).toBe('Slice 2 / 40');

    // The keyboard moves through the stack too (the viewport has focus once the image is shown).
    await viewport.focus();
    await page.keyboard.press('PageDown');
    await expect.poll(() => counter.textContent(), { timeout: 10_000 }).toBe('Slice 12 / 40');
    await expect.poll(() => litPixels(viewport), { timeout: 10_000 }).toBeGreaterThan(1000);

    // A left drag sets window and level (a few steps: each synthetic move costs ~0.3 s under SwiftShader).
    const windowLevel = page.getByTestId('window-level');
    const before = await windowLevel.textContent();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 80, box.y + box.height / 2 + 40, { steps: 3 });
    await page.mouse.up();
    await expect.poll(() => windowLevel.textContent(), { timeout: 10_000 }).not.toBe(before);

    await page.screenshot({ path: join(ARTIFACTS, 'viewer-smoke.png') });

    // A reload keeps the session (GET /api/auth/me) and the viewer's address (the server's SPA fallback).
    await page.reload();
    await viewport.and(page.locator('[data-status="ready"]')).waitFor({ timeout: 30_000 });
    await expect.poll(() => counter.textContent()).toBe('Slice 1 / 40');

    // Signing out is a cookie-signed POST: it only succeeds with the CSRF token the app kept.
    const logout = page.waitForResponse((response) => response.url().endsWith('/api/auth/logout'));
    await page.getByRole('button', { name: 'Sign out' }).click();
    expect((await logout).status()).toBe(204);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
