import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsSkipReason, type LaunchedBrowser, launchChromium } from './chromium.js';

const skipReason = browserTestsSkipReason();
if (skipReason) console.warn(skipReason);

/** Where browser tests leave their screenshots (as browser-session.ts's ARTIFACTS). */
const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));
const HARNESS = fileURLToPath(new URL('./viewer-widgets-harness.ts', import.meta.url));
const CORE_ANNOTATION = fileURLToPath(new URL('../../../core/src/annotation/index.ts', import.meta.url));
const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
};

/** Bundles the harness page (the components alone, over the in-memory annotation server) into `dir`. */
async function buildHarness(dir: string): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'warn',
    plugins: [react()],
    resolve: { alias: { '@voxelhub/core/annotation': CORE_ANNOTATION } },
    build: {
      outDir: dir,
      emptyOutDir: true,
      chunkSizeWarningLimit: 4000,
      rolldownOptions: { input: HARNESS, output: { entryFileNames: 'harness.js' } },
    },
  });
  const styles = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.css'));
  const links = styles.map((f) => `<link rel="stylesheet" href="/${f}">`).join('');
  await writeFile(
    join(dir, 'index.html'),
    `<!doctype html><html><head>${links}</head><body><div id="root"></div><script type="module" src="/harness.js"></script></body></html>`,
  );
}

function serve(dir: string): Promise<Server> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const file = join(dir, extname(path) ? path : 'index.html');
    readFile(file).then(
      (body) =>
        response
          .writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
          .end(body),
      () => response.writeHead(404).end(),
    );
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/**
 * The save indicator, conflict dialog and series strip in Chromium, against the real save engine: the
 * keyboard reaches everything, the dialog keeps focus inside and Escape leaves the conflicts as they were.
 */
describe.skipIf(skipReason !== undefined)('viewer widgets (Chromium)', () => {
  const dir = join(tmpdir(), `voxelhub-viewer-widgets-${process.pid}`);
  let http: Server;
  let browser: LaunchedBrowser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await buildHarness(dir);
    [http, browser] = await Promise.all([serve(dir), launchChromium()]);
    page = await browser.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`http://127.0.0.1:${(http.address() as AddressInfo).port}/`);
    await page.evaluate(() => window.harness.ready);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    http?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const indicator = () => page.getByTestId('save-indicator');
  const dialog = () => page.getByRole('dialog', { name: 'Conflicting edit' });
  const focusedText = () => page.evaluate(() => document.activeElement?.textContent ?? '');
  const conflictCount = () => page.evaluate(() => window.harness.bob.getSnapshot().summary.conflicted);

  it('shows the conflicts first, then the refusal', async () => {
    await expect.poll(() => indicator().getAttribute('data-state')).toBe('conflict');
    expect(await indicator().textContent()).toMatch(/2 conflicts.*1 refused/);
  });

  it('opens the dialog from the keyboard, keeps Tab inside it, and closes on Escape without choosing', async () => {
    await page.locator('#before').focus();
    await page.keyboard.press('Tab');
    expect(await focusedText()).toBe('2 conflicts');
    await page.keyboard.press('Enter');
    await dialog().waitFor();
    expect(await dialog().textContent()).toContain('1 of 2');
    expect(await dialog().textContent()).toContain('Saved by Alice');
    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'conflict-dialog.png') });
    const seen = new Set<string>();
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press(i % 3 === 2 ? 'Shift+Tab' : 'Tab');
      expect(await page.evaluate(() => document.activeElement?.closest('[role=dialog]') !== null)).toBe(true);
      seen.add(await focusedText());
    }
    expect(seen).toContain('Keep mine');
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });
    expect(await focusedText()).toBe('2 conflicts');
    expect(await conflictCount()).toBe(2);
  });

  it('steps through the conflicts as they are settled, then closes', async () => {
    await page.getByRole('button', { name: '2 conflicts' }).click();
    await dialog().getByRole('button', { name: 'Next ›' }).click();
    expect(await dialog().textContent()).toContain('2 of 2');
    expect(await dialog().getByRole('button', { name: 'Merge' }).isDisabled()).toBe(true);
    await dialog().getByRole('button', { name: 'Keep mine' }).click();
    await expect.poll(() => dialog().textContent()).toContain('“bob one”');
    expect(await dialog().textContent()).not.toContain('of 2');
    await dialog().getByRole('button', { name: 'Take theirs' }).click();
    await dialog().waitFor({ state: 'detached' });
    await expect.poll(conflictCount).toBe(0);
    const heads = await page.evaluate(() => window.harness.server.heads().map((h) => h.payload.data));
    expect(heads.map((d) => (d as { name: string }).name)).toEqual(['alice one', 'bob two', 'three']);
  });

  it("lists the refusal with the server's reason, and discards it", async () => {
    await expect.poll(() => indicator().getAttribute('data-state')).toBe('rejected');
    await page.getByRole('button', { name: '1 refused' }).click();
    const panel = page.getByRole('region', { name: 'Changes the server refused' });
    expect(await panel.textContent()).toContain('injected failure');
    await page.screenshot({ path: join(ARTIFACTS, 'refused-saves.png') });
    await panel.getByRole('button', { name: 'Discard my change' }).click();
    await expect.poll(() => indicator().getAttribute('data-state')).toBe('saved');
    expect(await indicator().textContent()).toBe('All changes saved');
  });

  it('reaches every series of the strip with Tab, marks the open one, and navigates on a click', async () => {
    const links = page.getByRole('navigation', { name: 'Series of the study CT chest' }).getByRole('link');
    expect(await links.count()).toBe(3);
    expect(await links.nth(1).getAttribute('aria-current')).toBe('page');
    await links.nth(0).focus();
    await page.keyboard.press('Tab');
    expect(await focusedText()).toContain('Series 2');
    await links.nth(2).click();
    expect(await page.evaluate(() => window.location.pathname)).toBe(
      '/projects/p1/studies/1.2.3/series/1.2.3.3',
    );
    expect(pageErrors).toEqual([]);
  });
});
