import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { adminToken, call, type ServerProcess } from '@voxelhub/server/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, type BrowserSession, openBrowserSession } from './browser-session.js';
import { browserTestsSkipReason } from './chromium.js';

const skipReason = browserTestsSkipReason();
if (skipReason) console.warn(skipReason);

const ADMIN_PASSWORD = 'project-screens-password';
/** A real PNG (1100 × 800) to add as a label's example image. */
const SCREENSHOT_PNG = fileURLToPath(new URL('../../../../docs/images/viewer-mpr.png', import.meta.url));

/**
 * The project screens in Chromium against the real server: create a project, build its label schema
 * (with a refused colour and a refused duplicate on the way, a classification with options and an
 * example image), add a member, and open the `?` help.
 */
describe.skipIf(skipReason !== undefined)('project screens (Chromium)', () => {
  let session: BrowserSession;
  let server: ServerProcess;
  let page: Page;
  let pageErrors: string[] = [];

  // Starting the server and Chromium side by side takes a few seconds, more on a busy CI machine.
  beforeAll(async () => {
    session = await openBrowserSession({ name: 'projects', adminPassword: ADMIN_PASSWORD });
    ({ server, page, pageErrors } = session);
  }, 60_000);

  afterAll(() => session?.close());

  it('creates a project, adds a coded label and a member, and shows the shortcut help', async () => {
    const token = await adminToken(server.url, ADMIN_PASSWORD);
    const made = await call(server.url, token, 'POST', '/api/users', {
      username: 'reader.one',
      displayName: 'Reader One',
      password: 'reader-one-password',
    });
    expect(made.status).toBe(201);

    await page.goto(server.url);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();

    // 1. A new project, open reading with two readers per item.
    await page.getByRole('button', { name: 'New project' }).click();
    const projectForm = page.getByRole('form', { name: 'New project' });
    await projectForm.getByLabel('Name', { exact: true }).fill('Liver study');
    await projectForm.getByLabel('Description').fill('Segment the liver');
    await projectForm.getByLabel('Reading').selectOption('open');
    await projectForm.getByLabel('Readers per item').fill('2');
    await projectForm.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('heading', { name: 'Liver study', level: 1 }).waitFor();
    await expect.poll(() => page.locator('.meta').first().textContent()).toContain('2 reader(s) per item');
    const projectId = page.url().split('/').pop()!;

    // 2. A label: a bad colour is pointed out beside its field, then fixed; the code goes with it.
    await page.getByRole('button', { name: 'Add label' }).click();
    const labelForm = page.getByRole('form', { name: 'Label' });
    await labelForm.getByLabel('Name', { exact: true }).fill('Liver');
    await labelForm.getByLabel('Annotation type').selectOption('mask');
    const colour = labelForm.getByRole('textbox', { name: 'Colour', exact: true });
    await colour.fill('red');
    await labelForm.getByLabel('System').fill('SCT');
    await labelForm.getByLabel('Value').fill('10200004');
    await labelForm.getByLabel('Meaning').fill('Liver');
    await labelForm.getByLabel('Guideline').fill('Outline the whole liver on every slice.');
    await labelForm.getByRole('button', { name: 'Add label' }).click();
    await labelForm.getByText('a colour is #rrggbb').waitFor();
    await colour.fill('#AA3311');
    await labelForm.getByRole('button', { name: 'Add label' }).click();
    await page.getByText('SCT 10200004').waitFor();

    // The server's refusal of a duplicate name is shown in the form.
    await page.getByRole('button', { name: 'Add label' }).click();
    await labelForm.getByLabel('Name', { exact: true }).fill('Liver');
    await labelForm.getByRole('button', { name: 'Add label' }).click();
    await labelForm.getByText("this project already has a label named 'Liver'").waitFor();
    await labelForm.getByRole('button', { name: 'Cancel' }).click();

    const labels = await call(server.url, token, 'GET', `/api/projects/${projectId}/labels`);
    expect(labels.body).toMatchObject({
      labels: [
        {
          name: 'Liver',
          type: 'mask',
          colour: '#aa3311',
          code: { system: 'SCT', value: '10200004', meaning: 'Liver' },
          guideline: 'Outline the whole liver on every slice.',
        },
      ],
    });

    // 2b. A single-choice classification label with two options, then an example image for it: a file
    // that only claims to be a PNG is refused with the API's words, a real one shows as a thumbnail.
    await page.getByRole('button', { name: 'Add label' }).click();
    await labelForm.getByLabel('Name', { exact: true }).fill('Finding');
    await labelForm.getByLabel('Annotation type').selectOption('classification');
    await labelForm.getByRole('button', { name: 'Add label' }).click();
    await labelForm.getByText('a single-choice question needs an option').waitFor();
    await labelForm.getByRole('button', { name: 'Add option' }).click();
    await labelForm.getByRole('textbox', { name: 'Option 1', exact: true }).fill('Normal');
    await labelForm.getByRole('button', { name: 'Add option' }).click();
    await labelForm.getByRole('textbox', { name: 'Option 2', exact: true }).fill('Ground-glass opacity');
    await labelForm.getByRole('button', { name: 'Add label' }).click();
    await page.getByText('single: Normal · Ground-glass opacity').waitFor();

    await page.getByRole('button', { name: 'Edit Finding' }).click();
    const examples = page.getByRole('region', { name: 'Examples of Finding' });
    await examples.getByLabel('Add example image').setInputFiles({
      name: 'fake.png',
      mimeType: 'image/png',
      buffer: Buffer.from('this is not a picture'),
    });
    await examples.getByText('the bytes are not a PNG or JPEG image').waitFor();
    await examples.getByLabel('Caption').fill('Typical appearance');
    await examples.getByLabel('Add example image').setInputFiles(SCREENSHOT_PNG);
    const thumbnail = examples.getByRole('img', { name: 'Typical appearance' });
    await thumbnail.waitFor();
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1100);
    await page.screenshot({ path: join(ARTIFACTS, 'project-screens-label-examples.png'), fullPage: true });
    await labelForm.getByRole('button', { name: 'Cancel' }).click();
    const finding = (await call(server.url, token, 'GET', `/api/projects/${projectId}/labels`)).body as {
      labels: { name: string; classification: unknown; examples: unknown[] }[];
    };
    expect(finding.labels.find((l) => l.name === 'Finding')).toMatchObject({
      classification: {
        kind: 'single',
        options: [
          { id: 'normal', name: 'Normal' },
          { id: 'ground-glass-opacity', name: 'Ground-glass opacity' },
        ],
      },
      examples: [{ caption: 'Typical appearance', mediaType: 'image/png', width: 1100, height: 800 }],
    });
    await page.getByRole('img', { name: 'Typical appearance' }).waitFor();

    // 3. A member, added by username as an annotator; an unknown username is refused with the API's words.
    const memberForm = page.getByRole('form', { name: 'Add member' });
    await memberForm.getByLabel('Username').fill('nobody.here');
    await memberForm.getByRole('button', { name: 'Add member' }).click();
    await memberForm.getByText('no user nobody.here').waitFor();
    await memberForm.getByLabel('Username').fill('reader.one');
    await memberForm.getByLabel('Role').selectOption('annotator');
    await memberForm.getByRole('button', { name: 'Add member' }).click();
    await expect.poll(() => page.getByLabel('Role of reader.one').inputValue()).toBe('annotator');
    const members = await call(server.url, token, 'GET', `/api/projects/${projectId}/members`);
    expect(members.body).toMatchObject({
      members: expect.arrayContaining([
        expect.objectContaining({ username: 'reader.one', role: 'annotator' }),
      ]),
    });

    // 6. `?` opens the keyboard help, with the global and the viewer's shortcuts; Escape closes it.
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    await help.getByText('Go to the projects').waitFor();
    await help.getByText('Open your next task in this project').waitFor();
    await help.getByText('Invert greys').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'project-screens-help.png') });
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
    await page.screenshot({ path: join(ARTIFACTS, 'project-screens.png'), fullPage: true });

    // `g p` goes back to the projects, where the new project is listed.
    await page.keyboard.press('g');
    await page.keyboard.press('p');
    await page.getByRole('link', { name: /Liver study/ }).waitFor();
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
