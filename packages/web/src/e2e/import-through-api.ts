import { call } from '@voxelhub/server/testing';

/** An import job as the job route reports it once it has ended. */
export interface EndedImportJob {
  readonly state: string;
  readonly counts: { readonly imported: number; readonly failed: number };
  readonly failures: readonly unknown[];
}

/**
 * Uploads files (name → bytes) through the import API, as the web app's upload does, and waits for the
 * import job to end; fails after 30 s of waiting (a hung server).
 */
export async function importThroughApi(
  url: string,
  token: string,
  projectId: string,
  files: Record<string, Uint8Array>,
): Promise<EndedImportJob> {
  const form = new FormData();
  for (const [name, bytes] of Object.entries(files))
    form.append('file', new Blob([new Uint8Array(bytes)]), name);
  const upload = await fetch(`${url}/api/projects/${projectId}/imports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  if (upload.status !== 202) throw new Error(`upload: ${upload.status} ${await upload.text()}`);
  const { jobId } = (await upload.json()) as { jobId: string };
  for (const started = Date.now(); Date.now() - started < 30_000; ) {
    const job = (await call(url, token, 'GET', `/api/projects/${projectId}/jobs/${jobId}`))
      .body as EndedImportJob;
    if (job.state === 'done' || job.state === 'failed') return job;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`import job ${jobId} did not end within 30 s`);
}
