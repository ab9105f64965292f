import { randomBytes } from 'node:crypto';

/**
 * The STOW-RS client both servers get: multipart/related bodies of application/dicom parts, built in
 * memory before the clock starts, sent a few requests at a time over fetch (undici, one connection per
 * request in flight). Every answer is checked, so a failed store is never timed as a fast one.
 */

export interface StowBatching {
  readonly instancesPerRequest: number;
  readonly inFlight: number;
}

export interface StowRequests {
  readonly contentType: string;
  readonly bodies: readonly { readonly body: Buffer; readonly instances: number }[];
}

export interface StowOutcome {
  /** From the first request sent to the last answer read. */
  readonly seconds: number;
  /** Instances the answers list as stored (ReferencedSOPSequence items). */
  readonly stored: number;
}

/** PS3.18 10.5.3 store response: ReferencedSOPSequence and FailedSOPSequence. */
const REFERENCED_SOP_SEQUENCE = '00081199';
const FAILED_SOP_SEQUENCE = '00081198';

export function stowRequests(files: readonly Buffer[], instancesPerRequest: number): StowRequests {
  // 32 random hex digits: the chance of this line occurring inside the DICOM bytes is nil.
  const boundary = `voxelhub-bench-${randomBytes(16).toString('hex')}`;
  const partHead = Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`);
  const crlf = Buffer.from('\r\n');
  const close = Buffer.from(`--${boundary}--\r\n`);
  const bodies = [];
  for (let start = 0; start < files.length; start += instancesPerRequest) {
    const batch = files.slice(start, start + instancesPerRequest);
    const body = Buffer.concat([...batch.flatMap((file) => [partHead, file, crlf]), close]);
    bodies.push({ body, instances: batch.length });
  }
  return { contentType: `multipart/related; type="application/dicom"; boundary=${boundary}`, bodies };
}

/**
 * POSTs every body to `url`, `inFlight` at a time. Throws when any answer is not 200 or does not list
 * every instance of its request as stored; the other requests are finished first, so nothing is left
 * running into the next pass.
 */
export async function sendStow(
  url: string,
  headers: Readonly<Record<string, string>>,
  requests: StowRequests,
  inFlight: number,
): Promise<StowOutcome> {
  let next = 0;
  let stored = 0;
  const errors: string[] = [];
  const worker = async () => {
    while (errors.length === 0 && next < requests.bodies.length) {
      const { body, instances } = requests.bodies[next++]!;
      try {
        // Awaited first: `stored += await …` would read `stored` before the other worker's answer lands.
        const count = await post(url, headers, requests.contentType, body, instances);
        stored += count;
      } catch (error) {
        errors.push((error as Error).message);
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: inFlight }, worker));
  const seconds = (performance.now() - started) / 1000;
  if (errors.length) throw new Error(errors.join('\n'));
  return { seconds, stored };
}

async function post(
  url: string,
  headers: Readonly<Record<string, string>>,
  contentType: string,
  body: Buffer,
  instances: number,
): Promise<number> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { ...headers, 'content-type': contentType, accept: 'application/dicom+json' },
    body,
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`STOW answered ${response.status}: ${text.slice(0, 300)}`);
  const answer = JSON.parse(text) as Record<string, { Value?: unknown[] } | undefined>;
  const failed = answer[FAILED_SOP_SEQUENCE]?.Value?.length ?? 0;
  const referenced = answer[REFERENCED_SOP_SEQUENCE]?.Value?.length ?? 0;
  if (failed || referenced !== instances)
    throw new Error(
      `STOW stored ${referenced} of ${instances} instances (${failed} failed): ${text.slice(0, 300)}`,
    );
  return referenced;
}
