import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ServerProcess, startServerProcess } from '@voxelhub/server/testing';
import type { Page } from 'playwright-core';
import { type LaunchedBrowser, launchChromium } from './chromium.js';

/** The built app (npm run build; npm test builds first) and where tests leave their screenshots. */
const WEB_DIST = fileURLToPath(new URL('../../dist/index.html', import.meta.url));
export const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));

/** What every browser test starts from: the real server on fresh data, Chromium, one page. */
export interface BrowserSession {
  readonly server: ServerProcess;
  readonly browser: LaunchedBrowser;
  readonly page: Page;
  readonly adminPassword: string;
  /** Uncaught page errors and console errors (but the expected 401 of /api/auth/me before sign-in). */
  readonly pageErrors: string[];
  /** Signs in as admin through the form and waits for the signed-in app. */
  signIn(): Promise<void>;
  close(): Promise<void>;
}

export interface BrowserSessionOptions {
  /** Labels the data folder. */
  readonly name: string;
  readonly adminPassword: string;
  /** Also count console errors as page errors (a test that provokes 4xx answers leaves this off). */
  readonly consoleErrors?: boolean;
}

/** Starts `voxelhub serve` (with its demo project) and Chromium side by side, and opens a page. */
export async function openBrowserSession(options: BrowserSessionOptions): Promise<BrowserSession> {
  if (!existsSync(WEB_DIST)) throw new Error(`${WEB_DIST} is missing: run npm run build first`);
  const { name, adminPassword } = options;
  const dataDir = await mkdtemp(join(tmpdir(), `voxelhub-web-${name}-`));
  const [server, browser] = await Promise.all([
    startServerProcess({ dataDir, adminPassword }),
    launchChromium(),
  ]);
  const page = await browser.context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  if (options.consoleErrors)
    page.on('console', (message) => {
      // Before signing in, GET /api/auth/me answers 401: that is how the app learns to show the login.
      if (message.type() !== 'error' || message.location().url.endsWith('/api/auth/me')) return;
      pageErrors.push(`${message.text()} (${message.location().url})`);
    });
  await mkdir(ARTIFACTS, { recursive: true });
  return {
    server,
    browser,
    page,
    adminPassword,
    pageErrors,
    async signIn() {
      await page.goto(server.url);
      await page.getByLabel('Username').fill('admin');
      await page.getByLabel('Password').fill(adminPassword);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'Sign out' }).waitFor({ timeout: 20_000 });
    },
    async close() {
      await browser.close();
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
