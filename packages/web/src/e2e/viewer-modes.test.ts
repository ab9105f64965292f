import { join } from 'node:path';
import type { ServerProcess } from '@voxelhub/server/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, type BrowserSession, openBrowserSession } from './browser-session.js';
import { browserTestsSkipReason } from './chromium.js';
import { litPixels } from './page-probes.js';

const skipReason = browserTestsSkipReason();
if (skipReason) console.warn(skipReason);

const ADMIN_PASSWORD = 'viewer-modes-password';

/**
 * The viewer's display modes in Chromium against the real server: a CT window preset and its readout,
 * MPR's three planes, and cine playback of the demo ultrasound.
 */
describe.skipIf(skipReason !== undefined)('viewer modes (Chromium)', () => {
  let session: BrowserSession;
  let server: ServerProcess;
  let page: Page;
  let pageErrors: string[] = [];

  // Starting the server and Chromium side by side takes a few seconds, more on a busy CI machine.
  beforeAll(async () => {
    session = await openBrowserSession({ name: 'modes', adminPassword: ADMIN_PASSWORD });
    ({ server, page, pageErrors } = session);
    await session.signIn();
  }, 60_000);

  afterAll(() => session?.close());

  async function openSeries(name: RegExp) {
    await page.goto(server.url);
    await page.getByRole('link', { name: /^Demo/ }).first().click({ timeout: 15_000 });
    await page.getByRole('link', { name }).click();
    await page
      .getByTestId('viewport')
      .and(page.locator('[data-status="ready"]'))
      .waitFor({ timeout: 30_000 })
      .catch((error) => {
        throw new Error(
          `the viewer did not show the first image: ${error}\npage errors: ${pageErrors.join('\n')}`,
        );
      });
  }

  it('applies the CT lung window by button and by key, and shows de-identified details', async () => {
    await openSeries(/Demo CT torso phantom/);
    const windowLevel = page.getByTestId('window-level');
    await page.getByTestId('preset-lung').click();
    await expect.poll(() => windowLevel.textContent(), { timeout: 10_000 }).toBe('W 1500 / L -600');
    await expect.poll(() => page.getByTestId('preset-lung').getAttribute('aria-pressed')).toBe('true');
    // Shift+3 is the bone window (by physical key, whatever the layout types).
    await page.getByTestId('viewport').focus();
    await page.keyboard.press('Shift+Digit3');
    await expect.poll(() => windowLevel.textContent(), { timeout: 10_000 }).toBe('W 1800 / L 400');
    await page.keyboard.press('Shift+Digit1');
    await expect.poll(() => windowLevel.textContent(), { timeout: 10_000 }).toBe('W 1500 / L -600');

    const details = await page.getByTestId('image-details').textContent();
    expect(details).toContain('CT');
    expect(details).toContain('Demo CT torso phantom');
    // The view tools by key: invert, rotate, flip, zoom; reset undoes them all.
    await page.keyboard.press('i');
    await page.keyboard.press(']');
    await expect.poll(() => page.getByTestId('view-transforms').textContent()).toBe('Rotated 90° · Inverted');
    // Cornerstone3D flips first, then rotates: after a flip the same picture reads as 270°.
    await page.keyboard.press('h');
    await expect
      .poll(() => page.getByTestId('view-transforms').textContent())
      .toBe('Rotated 270° · Flipped H · Inverted');
    await page.getByTestId('view-state').getByText('Zoom 1.00×').waitFor();
    await page.keyboard.press('+');
    await page.getByTestId('view-state').getByText('Zoom 1.25×').waitFor({ timeout: 10_000 });
    await page.keyboard.press('r');
    await expect.poll(() => page.getByTestId('view-transforms').count()).toBe(0);
    await page.getByTestId('view-state').getByText('Zoom 1.00×').waitFor({ timeout: 10_000 });
    await page.keyboard.press('Shift+Digit1');
    await page.screenshot({ path: join(ARTIFACTS, 'viewer-ct-lung.png') });
  });

  it('switches the CT to MPR: three planes render', async () => {
    await page.getByTestId('toggle-mpr').click();
    await page.locator('[data-testid="mpr"][data-status="ready"]').waitFor({ timeout: 30_000 });
    for (const plane of ['axial', 'sagittal', 'coronal'])
      await expect
        .poll(() => litPixels(page.getByTestId(`mpr-${plane}`)), { timeout: 20_000, message: plane })
        .toBeGreaterThan(1000);
    await page.screenshot({ path: join(ARTIFACTS, 'viewer-ct-mpr.png') });
    // M switches back to the stack, which opens afresh.
    await page.keyboard.press('m');
    await page
      .getByTestId('viewport')
      .and(page.locator('[data-status="ready"]'))
      .waitFor({ timeout: 30_000 });
    await expect
      .poll(() => litPixels(page.getByTestId('viewport')), { timeout: 10_000 })
      .toBeGreaterThan(1000);
  });

  it('plays the ultrasound cine: the frame counter advances', async () => {
    await openSeries(/Demo echo cine/);
    const counter = page.getByTestId('slice-counter');
    await expect.poll(() => counter.textContent()).toBe('Frame 1 / 24');
    await page.getByTestId('viewport').focus();
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('cine-play').textContent()).toContain('Pause');
    await expect
      .poll(async () => Number(/Frame (\d+)/.exec((await counter.textContent()) ?? '')?.[1]), {
        timeout: 15_000,
      })
      .toBeGreaterThan(3);
    await page.screenshot({ path: join(ARTIFACTS, 'viewer-us-cine.png') });
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('cine-play').textContent()).toContain('Play');
    // The rate comes from the file (Frame Time 40 ms); the scrubber moves through the frames.
    expect(await page.getByTestId('cine-rate').inputValue()).toBe('25');
    const scrubber = page.getByTestId('cine-scrubber');
    await scrubber.focus();
    await page.keyboard.press('End');
    await expect.poll(() => counter.textContent(), { timeout: 10_000 }).toBe('Frame 24 / 24');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => counter.textContent(), { timeout: 10_000 }).toBe('Frame 23 / 24');
    expect(pageErrors).toEqual([]);
  });
});
