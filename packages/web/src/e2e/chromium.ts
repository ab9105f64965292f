import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); the tests never download a browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Where browser tests stand: they run when Chromium is installed, are skipped with a reason when it is
 * missing on a developer's machine, and fail under CI=true, where a skip would hide a broken setup.
 */
export function browserTestsSkipReason(): string | undefined {
  if (existsSync(CHROMIUM_PATH)) return undefined;
  if (process.env.CI === 'true') return undefined; // launching fails and says why
  return `browser tests skipped: ${CHROMIUM_PATH} is missing (apt-get install -y chromium)`;
}

/**
 * The flags that give headless Chromium WebGL2 through SwiftShader on a machine without a GPU
 * (../shared/VIEWER-NOTES.md). Playwright adds --headless and --no-sandbox's siblings itself; a fresh
 * profile comes from launchPersistentContext.
 */
const ARGS = [
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

export interface LaunchedBrowser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<LaunchedBrowser> {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`${CHROMIUM_PATH} is missing: install Debian's chromium (apt-get install -y chromium)`);
  const profile = await mkdtemp(join(tmpdir(), 'voxelhub-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ARGS,
    viewport: { width: 1100, height: 800 },
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
