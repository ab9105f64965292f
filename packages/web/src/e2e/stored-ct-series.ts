import { generateDemoDataset } from '@voxelhub/core/demo';
import { adminToken, call } from '@voxelhub/server/testing';

/** Where a stored series opens in the viewer, and how large each of its frames is. */
export interface StoredSeries {
  readonly projectId: string;
  readonly studyUid: string;
  readonly seriesUid: string;
  readonly slices: number;
  /** Bytes of one native frame (rows × columns × 2 for int16). */
  readonly frameBytes: number;
}

/** Another seed than the server's demo project, so no UID is shared with the CT it already has. */
const SEED = 300_300;
/** Instances per STOW-RS request: about 16 MB, far under the default upload limit. */
const BATCH = 30;
const BOUNDARY = 'voxelhub-progressive-loading';

function multipartBody(files: readonly { bytes: Uint8Array }[]): Uint8Array<ArrayBuffer> {
  const encoder = new TextEncoder();
  const parts = files.flatMap(({ bytes }) => [
    encoder.encode(`--${BOUNDARY}\r\nContent-Type: application/dicom\r\n\r\n`),
    bytes,
    encoder.encode('\r\n'),
  ]);
  parts.push(encoder.encode(`--${BOUNDARY}--\r\n`));
  const body = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    body.set(part, offset);
    offset += part.length;
  }
  return body;
}

/** The study and series UIDs in a RetrieveURL (`…/studies/{s}/series/{se}/instances/{i}`). */
function seriesOfRetrieveUrl(url: string): { studyUid: string; seriesUid: string } {
  const match = /\/studies\/([^/]+)\/series\/([^/]+)\/instances\//.exec(url);
  if (!match) throw new Error(`STOW-RS answered an unexpected RetrieveURL: ${url}`);
  return { studyUid: decodeURIComponent(match[1]!), seriesUid: decodeURIComponent(match[2]!) };
}

/** Core's demo CT phantom as Part 10 files, one per slice. */
export interface GeneratedCt {
  readonly files: readonly { readonly name: string; readonly bytes: Uint8Array }[];
  readonly slices: number;
  readonly frameBytes: number;
}

/** Core's demo CT phantom at `slices` × 512 × 512 int16: body, lungs, liver with a lesion, spine, and noise. */
export function generateLargeCt(slices: number): GeneratedCt {
  const size = { columns: 512, rows: 512, slices };
  const files = generateDemoDataset({ seed: SEED, ctSize: size }).files.filter((f) =>
    f.name.startsWith('ct/'),
  );
  return { files, slices, frameBytes: size.columns * size.rows * 2 };
}

async function stow(serverUrl: string, token: string, projectId: string, files: GeneratedCt['files']) {
  const response = await fetch(`${serverUrl}/dicomweb/projects/${projectId}/studies`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': `multipart/related; type="application/dicom"; boundary=${BOUNDARY}`,
      accept: 'application/dicom+json',
    },
    body: multipartBody(files),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`STOW-RS of ${files[0]?.name}…: ${response.status} ${text}`);
  // ReferencedSOPSequence (0008,1199) → RetrieveURL (0008,1190) of the first stored instance.
  return String(JSON.parse(text)['00081199'].Value[0]['00081190'].Value[0]);
}

/** Stores the CT in a new project over STOW-RS, as a PACS would send it: a few requests in flight. */
export async function storeCt(
  serverUrl: string,
  adminPassword: string,
  ct: GeneratedCt,
): Promise<StoredSeries> {
  const token = await adminToken(serverUrl, adminPassword);
  const project = await call(serverUrl, token, 'POST', '/api/projects', { name: `CT ${ct.slices} slices` });
  if (project.status >= 300)
    throw new Error(`creating the project: ${project.status} ${JSON.stringify(project.body)}`);
  const projectId = String(project.body.id);
  const batches = Array.from({ length: Math.ceil(ct.files.length / BATCH) }, (_, i) =>
    ct.files.slice(i * BATCH, (i + 1) * BATCH),
  );
  const retrieveUrls: string[] = [];
  // Two requests at a time: the server parses one batch while the other one's files are written.
  const sender = async () => {
    for (let batch = batches.shift(); batch; batch = batches.shift())
      retrieveUrls.push(await stow(serverUrl, token, projectId, batch));
  };
  await Promise.all([sender(), sender()]);
  return {
    projectId,
    ...seriesOfRetrieveUrl(retrieveUrls[0]!),
    slices: ct.slices,
    frameBytes: ct.frameBytes,
  };
}
