import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../api/api-client.js';
import { createApiTransport } from './annotation-transport.js';
import { classifySaveFailure } from './save-failure.js';
import { landmarkPayload } from './test-annotations.js';

interface Call {
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

/** A fetch that records requests and answers with the given status and JSON body. */
function fakeFetch(status: number, body: unknown): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({
      url,
      method: init.method ?? 'GET',
      headers: init.headers as Record<string, string>,
      body: init.body === undefined ? undefined : JSON.parse(init.body as string),
    });
    const text = body === undefined ? null : JSON.stringify(body);
    return new Response(text, { status, headers: { 'content-type': 'application/json' } });
  });
  return calls;
}

const head = { id: 'a-1', revision: 3, labelId: 'label-1', deleted: false, payload: landmarkPayload('x') };

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('createApiTransport', () => {
  const client = new ApiClient();
  client.setCsrfToken('csrf-1');
  const transport = createApiTransport(client, 'p-1');

  it('creates with POST, the target and the payload, sending the CSRF token', async () => {
    const calls = fakeFetch(201, { annotation: head });
    const created = await transport.create({
      imageId: 'img',
      labelId: 'label-1',
      payload: landmarkPayload('x'),
    });
    expect(created.revision).toBe(3);
    expect(calls[0]).toMatchObject({
      url: '/api/projects/p-1/annotations',
      method: 'POST',
      headers: { 'x-voxelhub-csrf': 'csrf-1' },
      body: { imageId: 'img', labelId: 'label-1' },
    });
  });

  it('updates with PUT and baseRevision, deletes with ?baseRevision, restores with POST', async () => {
    const calls = fakeFetch(200, { annotation: head });
    await transport.update('a-1', { baseRevision: 2, labelId: 'label-1', payload: landmarkPayload('x') });
    await transport.restore('a-1', 2, 3);
    expect(calls.map((c) => [c.method, c.url])).toEqual([
      ['PUT', '/api/projects/p-1/annotations/a-1'],
      ['POST', '/api/projects/p-1/annotations/a-1/restore'],
    ]);
    expect(calls[0]!.body).toMatchObject({ baseRevision: 2 });
    expect(calls[1]!.body).toEqual({ revision: 2, baseRevision: 3 });
    const deletes = fakeFetch(204, undefined);
    await transport.remove('a-1', 3);
    expect(deletes[0]).toMatchObject({
      method: 'DELETE',
      url: '/api/projects/p-1/annotations/a-1?baseRevision=3',
    });
  });

  it('turns a 409 into a conflict holding error.details.current', async () => {
    fakeFetch(409, { error: { code: 'CONFLICT', message: 'stale', details: { current: head } } });
    const failure = await transport
      .update('a-1', { baseRevision: 1, labelId: 'label-1', payload: landmarkPayload('x') })
      .then(() => undefined, classifySaveFailure);
    expect(failure).toMatchObject({ kind: 'conflict', current: { id: 'a-1', revision: 3 } });
  });

  it('classifies network failures and 5xx as retryable, other refusals as rejected', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    const network = await transport.remove('a-1', 1).then(() => undefined, classifySaveFailure);
    expect(network?.kind).toBe('retry');
    fakeFetch(502, { error: { code: 'BAD_GATEWAY', message: 'proxy' } });
    expect((await transport.remove('a-1', 1).then(() => undefined, classifySaveFailure))?.kind).toBe('retry');
    fakeFetch(403, { error: { code: 'FORBIDDEN', message: 'no' } });
    expect((await transport.remove('a-1', 1).then(() => undefined, classifySaveFailure))?.kind).toBe(
      'rejected',
    );
  });
});
