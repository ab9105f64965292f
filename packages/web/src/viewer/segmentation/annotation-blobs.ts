import type { ApiClient } from '../../api/api-client.js';

/** What the server answers an upload: the blob's content-addressed key, its size and the voxel dims. */
export interface UploadedBlob {
  readonly blobKey: string;
  readonly size: number;
  readonly dims: readonly number[];
}

/** A project's annotation blobs (label maps as NIfTI): upload bytes, read them back by key. */
export interface AnnotationBlobs {
  upload(bytes: Uint8Array): Promise<UploadedBlob>;
  download(blobKey: string): Promise<Uint8Array>;
}

/** The blobs over the REST API (`/api/projects/:projectId/annotation-blobs`); the client adds CSRF. */
export function createApiBlobs(client: ApiClient, projectId: string): AnnotationBlobs {
  const base = `/api/projects/${encodeURIComponent(projectId)}/annotation-blobs`;
  return {
    upload: (bytes) => client.request<UploadedBlob>('POST', base, bytes),
    download: (blobKey) => client.getBytes(`${base}/${encodeURIComponent(blobKey)}`),
  };
}
