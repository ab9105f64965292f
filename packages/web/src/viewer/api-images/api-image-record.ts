import { apiErrorOf } from '../../api/api-error.js';

/** Where an image stored as a file (NIfTI, PNG, JPEG) lives in the API. */
export interface ApiImageAddress {
  readonly projectId: string;
  readonly imageId: string;
}

/** The facts `GET /api/projects/:projectId/images/:imageId` answers with, as far as the viewer reads them. */
export interface ApiImageRecord {
  readonly id: string;
  readonly format: string;
  readonly modality: string | null;
}

export function apiImageUrl({ projectId, imageId }: ApiImageAddress): string {
  return `/api/projects/${encodeURIComponent(projectId)}/images/${encodeURIComponent(imageId)}`;
}

/** The image's record and its stored bytes, fetched side by side with the session cookie. */
export async function fetchApiImage(
  address: ApiImageAddress,
): Promise<{ readonly record: ApiImageRecord; readonly bytes: Uint8Array }> {
  const url = apiImageUrl(address);
  const [record, bytes] = await Promise.all([
    fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' }).then(async (r) => {
      if (!r.ok) throw await apiErrorOf(r);
      return (await r.json()) as ApiImageRecord;
    }),
    fetch(`${url}/file`, { credentials: 'same-origin' }).then(async (r) => {
      if (!r.ok) throw await apiErrorOf(r);
      return new Uint8Array(await r.arrayBuffer());
    }),
  ]);
  return { record, bytes };
}
