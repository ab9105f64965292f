import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AnnotationHistory } from './annotation-history.js';
import { AnnotationStore } from './annotation-store.js';
import { FakeAnnotationServer } from './fake-annotation-server.js';
import { landmarkPayload, nameOf, TARGET } from './test-annotations.js';

const advance = (ms: number) => vi.advanceTimersByTimeAsync(ms);

function setup(limit?: number) {
  const server = new FakeAnnotationServer();
  const store = new AnnotationStore({ transport: server.transport(), debounceMs: 100 });
  const history = new AnnotationHistory(store, limit === undefined ? {} : { limit });
  const create = (name: string) =>
    history.create({ target: TARGET, labelId: 'label-1', payload: landmarkPayload(name) });
  const nameIn = (key: string) => nameOf(store.get(key)?.content.payload);
  const serverHead = (key: string) => server.head(store.get(key)!.serverId!);
  return { server, store, history, create, nameIn, serverHead };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('AnnotationHistory', () => {
  it('undoes and redoes an update, and the server follows', async () => {
    const { history, create, nameIn, serverHead } = setup();
    const key = create('a');
    await advance(200);
    history.update(key, { payload: landmarkPayload('b') });
    await advance(200);
    expect(history.undo()).toBe(true);
    expect(nameIn(key)).toBe('a');
    await advance(200);
    expect(nameOf(serverHead(key)?.payload)).toBe('a');
    expect(history.redo()).toBe(true);
    await advance(200);
    expect(nameOf(serverHead(key)?.payload)).toBe('b');
    expect(serverHead(key)?.revision).toBe(4);
  });

  it('undoes a create (a delete on the server) and redoes it by restoring the same annotation', async () => {
    const { server, store, history, create, serverHead } = setup();
    const key = create('a');
    await advance(200);
    const id = store.get(key)!.serverId;
    history.undo();
    expect(store.getSnapshot().entries).toEqual([]);
    await advance(200);
    expect(serverHead(key)?.deleted).toBe(true);
    history.redo();
    await advance(200);
    expect(store.get(key)?.serverId).toBe(id);
    expect(serverHead(key)).toMatchObject({ deleted: false, revision: 3 });
    expect(server.log.map((r) => r.method)).toEqual(['create', 'remove', 'restore']);
  });

  it('undoes a delete through the restore route, keeping the id and the history', async () => {
    const { server, store, history, create, nameIn, serverHead } = setup();
    const key = create('a');
    await advance(200);
    history.update(key, { payload: landmarkPayload('b') });
    await advance(200);
    history.delete(key);
    await advance(200);
    expect(serverHead(key)?.deleted).toBe(true);
    history.undo();
    expect(nameIn(key)).toBe('b');
    expect(store.getSnapshot().entries).toHaveLength(1);
    await advance(200);
    expect(server.log.map((r) => r.method)).toEqual(['create', 'update', 'remove', 'restore']);
    expect(serverHead(key)).toMatchObject({ deleted: false, revision: 4 });
    expect(nameOf(serverHead(key)?.payload)).toBe('b');
  });

  it('undoes a create that never reached the server without any request', async () => {
    const { server, history, create, store } = setup();
    create('a');
    history.undo();
    await advance(1000);
    expect(server.log).toEqual([]);
    expect(store.getSnapshot().summary.hasUnsavedChanges).toBe(false);
  });

  it('groups the changes of one transact into one step', async () => {
    const { history, create, store } = setup();
    const a = create('a');
    const b = create('b');
    history.transact(() => {
      history.delete(a);
      history.update(b, { payload: landmarkPayload('b2') });
    });
    expect(store.getSnapshot().entries.map((e) => nameOf(e.content.payload))).toEqual(['b2']);
    history.undo();
    expect(store.getSnapshot().entries.map((e) => nameOf(e.content.payload))).toEqual(['a', 'b']);
    expect(history.undoDepth).toBe(2);
  });

  it('merges the moves of one drag into one step', () => {
    const { history, create, nameIn } = setup();
    const key = create('start');
    for (const name of ['m1', 'm2', 'm3'])
      history.update(key, { payload: landmarkPayload(name) }, { mergeKey: 'drag-1' });
    history.update(key, { payload: landmarkPayload('other drag') }, { mergeKey: 'drag-2' });
    history.undo();
    expect(nameIn(key)).toBe('m3');
    history.undo();
    expect(nameIn(key)).toBe('start');
  });

  it('clears redo on a new edit', () => {
    const { history, create, nameIn } = setup();
    const key = create('a');
    history.update(key, { payload: landmarkPayload('b') });
    history.undo();
    expect(history.canRedo).toBe(true);
    history.update(key, { payload: landmarkPayload('c') });
    expect(history.canRedo).toBe(false);
    expect(history.redo()).toBe(false);
    expect(nameIn(key)).toBe('c');
  });

  it('keeps at most `limit` steps', () => {
    const { history, create, nameIn } = setup(3);
    const key = create('v0');
    for (let i = 1; i <= 5; i++) history.update(key, { payload: landmarkPayload(`v${i}`) });
    while (history.undo()) {}
    expect(nameIn(key)).toBe('v2');
    expect(history.undoDepth).toBe(0);
  });

  it('undoes a label change', () => {
    const { history, create, store } = setup();
    const key = create('a');
    history.update(key, { labelId: 'label-2' });
    history.undo();
    expect(store.get(key)?.content.labelId).toBe('label-1');
  });
});
