import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AnnotationStore } from './annotation-store.js';
import { AttentionList } from './attention-list.js';
import { FakeAnnotationServer } from './fake-annotation-server.js';
import { landmarkPayload, TARGET } from './test-annotations.js';

const advance = (ms: number) => vi.advanceTimersByTimeAsync(ms);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Alice and Bob have loaded one annotation; each store has an AttentionList following it. */
async function twoUsers() {
  const server = new FakeAnnotationServer();
  const creator = new AnnotationStore({ transport: server.transport('carol'), debounceMs: 100 });
  creator.create({ target: TARGET, labelId: 'label-1', payload: landmarkPayload('original') });
  await advance(200);
  const alice = new AnnotationStore({ transport: server.transport('alice'), debounceMs: 100 });
  const bob = new AnnotationStore({ transport: server.transport('bob'), debounceMs: 100 });
  alice.load(server.heads());
  bob.load(server.heads());
  const bobsList = new AttentionList(bob);
  const stop = bobsList.follow();
  return { server, alice, bob, bobsList, stop, id: server.heads()[0]!.id };
}

describe('AttentionList', () => {
  it('lists a conflict', async () => {
    const { alice, bob, bobsList, id } = await twoUsers();
    expect(bobsList.entries()).toEqual([]);
    alice.update(id, { payload: landmarkPayload('alice') });
    bob.update(id, { payload: landmarkPayload('bob') });
    await advance(500);
    expect(bobsList.entries().map((e) => [e.key, e.status])).toEqual([[id, 'conflict']]);
    bob.resolveConflict(id, { kind: 'takeTheirs' });
    expect(bobsList.entries()).toEqual([]);
  });

  it('lists a delete that met an edit, which the snapshot leaves out', async () => {
    const { alice, bob, bobsList, id } = await twoUsers();
    alice.update(id, { payload: landmarkPayload('alice') });
    bob.delete(id);
    await advance(500);
    expect(bob.getSnapshot().summary.conflicted).toBe(1);
    expect(bob.getSnapshot().entries).toEqual([]);
    const [entry] = bobsList.entries();
    expect(entry).toMatchObject({ key: id, status: 'conflict' });
    expect(entry?.conflict?.mine.deleted).toBe(true);
  });

  it('lists a refused save with the server message', async () => {
    const { server, bob, bobsList, id } = await twoUsers();
    server.failNext(1, 403);
    bob.update(id, { payload: landmarkPayload('bob') });
    await advance(500);
    expect(bobsList.entries()).toMatchObject([{ key: id, status: 'rejected', error: 'injected failure' }]);
  });
});
