import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Test support: a throwaway Orthanc (Debian's package, with its DICOMweb plugin) as a real DICOMweb peer.
 * It listens on loopback-only ports chosen free at start, keeps its database and files in a temporary
 * folder, and is killed (and the folder removed) by `stop()`. Tests check `orthancAvailable` and skip
 * with a note locally; `requireOrthanc()` makes a missing Orthanc fail under CI=true (CI installs it).
 */

export const ORTHANC_BINARY = process.env.VOXELHUB_TEST_ORTHANC ?? '/usr/sbin/Orthanc';
export const ORTHANC_DICOMWEB_PLUGIN =
  process.env.VOXELHUB_TEST_ORTHANC_DICOMWEB ?? '/usr/share/orthanc/plugins/libOrthancDicomWeb.so';

/** Whether Orthanc and its DICOMweb plugin are installed here. */
export const orthancAvailable: boolean = existsSync(ORTHANC_BINARY) && existsSync(ORTHANC_DICOMWEB_PLUGIN);

/**
 * True when Orthanc tests should be skipped (printing a note); throws under CI=true when Orthanc is
 * missing, since CI must run them. Use as `describe.skipIf(orthancSkipped('my suite'))`.
 */
export function orthancSkipped(suite: string): boolean {
  if (orthancAvailable) return false;
  const why = `Orthanc not found (${ORTHANC_BINARY}, ${ORTHANC_DICOMWEB_PLUGIN})`;
  if (process.env.CI === 'true') throw new Error(`${suite}: ${why}; CI must run the Orthanc tests`);
  console.warn(`note: "${suite}" skipped: ${why}`);
  return true;
}

/** One entry of Orthanc's `DicomWeb.Servers`: a remote DICOMweb server Orthanc's client can reach. */
export interface OrthancDicomWebServer {
  /** The remote's DICOMweb base URL, e.g. http://127.0.0.1:1234/dicomweb/projects/<id>/ */
  readonly Url: string;
  readonly HttpHeaders?: Readonly<Record<string, string>>;
}

export interface OrthancOptions {
  /** Remote DICOMweb servers by name (Orthanc's `DicomWeb.Servers`). */
  readonly dicomWebServers?: Readonly<Record<string, OrthancDicomWebServer>>;
  /** How long to wait for `GET /system` to answer; default 30 s. */
  readonly startTimeoutMs?: number;
}

export interface RunningOrthanc {
  /** Orthanc's REST API root, e.g. http://127.0.0.1:40123 (no trailing slash). */
  readonly url: string;
  /** Its DICOMweb root, e.g. http://127.0.0.1:40123/dicom-web (no trailing slash). */
  readonly dicomWebUrl: string;
  /** Stores a DICOM file through `POST /instances`; returns Orthanc's answer (ID, Status, ...). */
  uploadInstance(bytes: Uint8Array): Promise<OrthancStoreAnswer>;
  /** Kills Orthanc and removes its folder. Safe to call twice. */
  stop(): Promise<void>;
}

export interface OrthancStoreAnswer {
  readonly ID: string;
  readonly Status: string;
  readonly ParentStudy?: string;
  readonly ParentSeries?: string;
  readonly Path?: string;
}

export async function startOrthanc(options: OrthancOptions = {}): Promise<RunningOrthanc> {
  if (!orthancAvailable) throw new Error(`Orthanc is not installed (${ORTHANC_BINARY})`);
  const folder = await mkdtemp(join(tmpdir(), 'voxelhub-orthanc-'));
  const httpPort = await freePort();
  const dicomPort = await freePort();
  const config = {
    Name: 'voxelhub-test',
    StorageDirectory: join(folder, 'storage'),
    IndexDirectory: join(folder, 'index'),
    StorageCompression: false,
    HttpServerEnabled: true,
    HttpPort: httpPort,
    DicomServerEnabled: true,
    DicomPort: dicomPort,
    DicomAet: 'VOXELHUBTEST',
    // Loopback only: Orthanc has no bind address, but refuses remote clients when this is false.
    RemoteAccessAllowed: false,
    AuthenticationEnabled: false,
    Plugins: [ORTHANC_DICOMWEB_PLUGIN],
    HttpTimeout: 30,
    ConcurrentJobs: 2,
    DicomWeb: {
      Enable: true,
      Root: '/dicom-web/',
      EnableWado: false,
      Servers: options.dicomWebServers ?? {},
    },
  };
  const configPath = join(folder, 'orthanc.json');
  await writeFile(configPath, JSON.stringify(config, null, 2));

  const child = spawn(ORTHANC_BINARY, [configPath], { cwd: folder, stdio: ['ignore', 'ignore', 'pipe'] });
  // Orthanc logs to stderr; keep the tail for the error message when it fails to start.
  let log = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    log = (log + chunk).slice(-4000);
  });
  const url = `http://127.0.0.1:${httpPort}`;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await kill(child);
    await rm(folder, { recursive: true, force: true });
  };

  try {
    await waitForSystem(url, child, options.startTimeoutMs ?? 30_000);
  } catch (error) {
    await stop();
    throw new Error(`Orthanc did not start: ${(error as Error).message}\n${log}`);
  }

  return {
    url,
    dicomWebUrl: `${url}/dicom-web`,
    async uploadInstance(bytes) {
      const response = await fetch(`${url}/instances`, {
        method: 'POST',
        headers: { 'content-type': 'application/dicom' },
        body: bytes,
      });
      if (!response.ok)
        throw new Error(`Orthanc refused the instance: ${response.status} ${await response.text()}`);
      return (await response.json()) as OrthancStoreAnswer;
    },
    stop,
  };
}

/** A TCP port that was free a moment ago (the OS picks it); Orthanc binds it right after. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForSystem(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited: string | undefined;
  child.once('exit', (code, signal) => {
    exited = `exited with ${code ?? signal}`;
  });
  while (Date.now() < deadline) {
    if (exited) throw new Error(exited);
    try {
      const response = await fetch(`${url}/system`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no answer from ${url}/system within ${timeoutMs} ms`);
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
