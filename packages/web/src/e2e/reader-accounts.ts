import { call } from '@voxelhub/server/testing';
import type { Page } from 'playwright-core';

/** An annotator account made for a test: its id, its password for the sign-in form, an API token to check with. */
export interface Reader {
  readonly id: string;
  readonly username: string;
  readonly password: string;
  readonly token: string;
}

/** Signs in through the API and makes a token, as `adminToken` does for the admin. */
async function tokenOf(url: string, username: string, password: string): Promise<string> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (login.status !== 200) throw new Error(`${username}: login ${login.status} ${await login.text()}`);
  const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const made = await fetch(`${url}/api/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-voxelhub-csrf': csrfToken },
    body: JSON.stringify({ name: 'reader test' }),
  });
  if (made.status !== 201) throw new Error(`${username}: token ${made.status} ${await made.text()}`);
  return ((await made.json()) as { token: string }).token;
}

/** Creates an account through the admin API and adds it to the project as an annotator. */
export async function createReader(
  url: string,
  adminToken: string,
  projectId: string,
  username: string,
): Promise<Reader> {
  const password = `${username}-password-123`;
  const user = await call(url, adminToken, 'POST', '/api/users', { username, password });
  if (user.status !== 201)
    throw new Error(`creating ${username}: ${user.status} ${JSON.stringify(user.body)}`);
  const id = String(user.body.id);
  const member = await call(url, adminToken, 'POST', `/api/projects/${projectId}/members`, {
    userId: id,
    role: 'annotator',
  });
  if (member.status !== 201 && member.status !== 200)
    throw new Error(`adding ${username}: ${member.status} ${JSON.stringify(member.body)}`);
  return { id, username, password, token: await tokenOf(url, username, password) };
}

/** Signs a reader in through the form, in whatever browser context `page` belongs to. */
export async function signInAs(page: Page, url: string, reader: Reader): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Username').fill(reader.username);
  await page.getByLabel('Password').fill(reader.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor({ timeout: 20_000 });
}
