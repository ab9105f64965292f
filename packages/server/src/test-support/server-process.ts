import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * The real server in its own process, started as users start it (`voxelhub serve`), so that tests can
 * kill it with SIGKILL mid-work and start it again on the same data. Needs the built CLI (`npm run build`;
 * `npm test` builds first).
 */

export const CLI_BIN = fileURLToPath(new URL('../../../cli/bin/voxelhub.js', import.meta.url));

export interface ServerProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything the server wrote to stderr so far. */
  stderr(): string;
  /** SIGKILL: no shutdown hooks, no flushing; what was acknowledged must survive anyway. */
  kill9(): Promise<void>;
  /** SIGTERM, the clean stop; resolves with the exit code. */
  stop(): Promise<number | null>;
}

export interface ServerProcessOptions {
  readonly dataDir: string;
  /** PostgreSQL instead of SQLite in the data folder. */
  readonly databaseUrl?: string;
  readonly adminPassword: string;
  readonly env?: Record<string, string>;
}

export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    VOXELHUB_DATA: options.dataDir,
    VOXELHUB_ADMIN_PASSWORD: options.adminPassword,
    VOXELHUB_LOG_LEVEL: 'warn',
    ...options.env,
  };
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  else delete env.DATABASE_URL;
  const child = spawn(process.execPath, [CLI_BIN, 'serve', '--port', '0', '--host', '127.0.0.1'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env,
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start in 60 s:\n${stderr}`)), 60_000);
    child.stderr?.on('data', () => {
      const match = /listening on (http:\/\/\S+)/.exec(stderr);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code} before listening:\n${stderr}`));
    });
  });
  return {
    url,
    child,
    stderr: () => stderr,
    async kill9() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/** A JSON API call with a token; returns the status and parsed body (undefined when empty). */
// biome-ignore lint/suspicious/noExplicitAny: test and benchmark scripts read whichever fields a route answers with.
type JsonBody = any;

export async function call(
  url: string,
  token: string | undefined,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: JsonBody }> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${url}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** Signs in as the admin and makes an API token. */
export async function adminToken(url: string, password: string): Promise<string> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });
  if (login.status !== 200) throw new Error(`admin login failed: ${login.status} ${await login.text()}`);
  const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const made = await fetch(`${url}/api/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-voxelhub-csrf': csrfToken },
    body: JSON.stringify({ name: 'reliability test' }),
  });
  if (made.status !== 201) throw new Error(`token creation failed: ${made.status} ${await made.text()}`);
  return ((await made.json()) as { token: string }).token;
}
