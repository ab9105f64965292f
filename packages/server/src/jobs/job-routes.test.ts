import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runImportJob } from '../import/import-job.js';
import { CT_SMALL, MR_SMALL, pngBytes } from '../import/import-test-files.js';
import { eachDialect } from '../storage/test-databases.js';
import { createProjectFixture, type ProjectFixture } from '../test-support/project-fixture.js';
import { uploadJobKind } from '../uploads/upload-job-kind.js';
import { multipartBody, upload } from '../uploads/upload-test-support.js';
import { zipLimits } from '../uploads/zip-archive.js';

interface ReceivedEvent {
  readonly event: string;
  // biome-ignore lint/suspicious/noExplicitAny: a JSON payload, checked by the assertions
  readonly data: any;
}

/** Server-Sent Events as they arrived: each event's name and parsed data. */
function parseEvents(text: string): ReceivedEvent[] {
  return text
    .split('\n\n')
    .filter((block) => block.includes('data: '))
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
      return { event, data: JSON.parse(/^data: (.*)$/m.exec(block)![1]!) };
    });
}

eachDialect('job routes', (context) => {
  let fixture: ProjectFixture;
  let url: string;
  beforeAll(async () => {
    // No worker: the test runs the jobs, as another process would, and the streams find out by polling.
    fixture = await createProjectFixture(context.database, { imports: { worker: false, eventPollMs: 20 } });
    url = await fixture.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => fixture?.close());

  const jobsUrl = () => `/api/projects/${fixture.projectId}/jobs`;
  const run = (jobId: string) =>
    runImportJob({ db: context.database.db, blobs: fixture.blobs }, jobId, {
      openSource: uploadJobKind({ stagingRoot: fixture.stagingRoot, zip: zipLimits(1 << 26) }).open,
    });

  it('streams progress as Server-Sent Events over HTTP, then the final state, and closes', async () => {
    const files = [
      { name: 'ct.dcm', bytes: await readFile(CT_SMALL) },
      { name: 'mr.dcm', bytes: await readFile(MR_SMALL) },
      { name: 'x.txt', bytes: Buffer.from('text') },
    ];
    const token = fixture.users.manager.token;
    const { payload, headers } = multipartBody(files);
    const created = await fetch(`${url}/api/projects/${fixture.projectId}/imports`, {
      method: 'POST',
      headers: { ...headers, authorization: `Bearer ${token}` },
      body: payload,
    });
    expect(created.status).toBe(202);
    const { jobId, eventsUrl } = (await created.json()) as { jobId: string; eventsUrl: string };

    const events = await fetch(`${url}${eventsUrl}`, { headers: { authorization: `Bearer ${token}` } });
    expect(events.status).toBe(200);
    expect(events.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = events.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    // The first event is the state on connecting: queued, nothing done.
    while (!text.includes('\n\n')) text += (await reader.read()).value ?? '';
    expect(parseEvents(text)[0]).toEqual({ event: 'progress', data: { done: 0, total: 3, state: 'queued' } });

    await run(jobId);
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += chunk.value;
    const received = parseEvents(text);
    const last = received[received.length - 1]!;
    expect(last.event).toBe('done');
    expect(last.data).toMatchObject({
      id: jobId,
      state: 'done',
      counts: { imported: 2, failed: 1 },
      failures: [{ name: 'x.txt', code: 'UNSUPPORTED_FORMAT' }],
    });
    const progress = received.filter((e) => e.event === 'progress').map((e) => e.data.done);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress[progress.length - 1]).toBe(3);
  });

  it('ends the stream at once for a job already finished', async () => {
    const { jobId } = (await upload(fixture, [{ name: 'a.png', bytes: pngBytes(5, 5, 1) }])).json();
    await run(jobId);
    const response = await fixture.as('manager', { method: 'GET', url: `${jobsUrl()}/${jobId}/events` });
    expect(response.statusCode).toBe(200);
    expect(parseEvents(response.body).map((e) => e.event)).toEqual(['progress', 'done']);
  });

  it('lists jobs newest first and shows one job, to managers and the job creator only', async () => {
    const first = (await upload(fixture, [{ name: 'b.png', bytes: pngBytes(5, 5, 2) }])).json().jobId;
    const second = (await upload(fixture, [{ name: 'c.png', bytes: pngBytes(5, 5, 3) }], 'owner')).json()
      .jobId;
    const list = await fixture.as('manager', { method: 'GET', url: `${jobsUrl()}?limit=2` });
    expect(list.statusCode).toBe(200);
    expect(list.json().jobs.map((job: { id: string }) => job.id)).toEqual([second, first]);
    expect(list.json().jobs[0]).toMatchObject({
      kind: 'import.upload',
      state: 'queued',
      progress: { done: 0, total: 1 },
    });

    const one = (caller: Parameters<ProjectFixture['as']>[0], id = first) =>
      fixture.as(caller, { method: 'GET', url: `${jobsUrl()}/${id}` });
    expect((await one('owner')).statusCode).toBe(200);
    expect((await one('manager')).json()).toMatchObject({ id: first, createdBy: fixture.users.manager.id });
    expect((await one('admin')).statusCode).toBe(200);
    for (const role of ['annotator', 'reviewer', 'viewer'] as const) {
      expect((await one(role)).statusCode, role).toBe(403);
      expect((await fixture.as(role, { method: 'GET', url: jobsUrl() })).json().jobs, role).toEqual([]);
    }
    expect((await one('outsider')).statusCode).toBe(404);
    expect((await one('anonymous')).statusCode).toBe(401);
    expect((await one('manager', crypto.randomUUID())).statusCode).toBe(404);
    const events = await fixture.as('viewer', { method: 'GET', url: `${jobsUrl()}/${first}/events` });
    expect(events.statusCode).toBe(403);
  });

  it('documents uploads and jobs in the OpenAPI document', async () => {
    const doc = (await fixture.as('anonymous', { method: 'GET', url: '/api/docs/json' })).json();
    const paths = Object.keys(doc.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/projects/{projectId}/imports',
        '/api/projects/{projectId}/jobs',
        '/api/projects/{projectId}/jobs/{jobId}',
        '/api/projects/{projectId}/jobs/{jobId}/events',
      ]),
    );
    expect(doc.paths['/api/projects/{projectId}/imports'].post.tags).toEqual(['imports']);
    expect(doc.paths['/api/projects/{projectId}/jobs/{jobId}'].get.tags).toEqual(['jobs']);
  });
});
