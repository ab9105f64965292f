import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AnnotationStore } from './annotation-store.js';
import { FakeAnnotationServer } from './fake-annotation-server.js';
import { landmarkPayload, nameOf, TARGET } from './test-annotations.js';

const advance = (ms: number) => vi.advanceTimersByTimeAsync(ms);

function setup(debounceMs = 800) {
  const server = new FakeAnnotationServer();
  const store = new AnnotationStore({
    transport: server.transport('alice'),
    debounceMs,
    retry: { initialMs: 1000, maxMs: 8000 },
  });
  return { server, store };
}

function createOne(store: AnnotationStore, name = 'carina'): string {
  return store.create({ target: TARGET, labelId: 'label-1', payload: landmarkPayload(name) });
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('debounced saving', () => {
  it('creates after the quiet time, and coalesces a burst of edits into one PUT', async () => {
    const { server, store } = setup();
    const key = createOne(store);
    expect(store.get(key)?.status).toBe('pending');
    await advance(799);
    expect(server.log).toEqual([]);
    await advance(100);
    expect(store.get(key)).toMatchObject({ status: 'saved', revision: 1 });
    for (const name of ['a', 'ab', 'abc']) {
      store.update(key, { payload: landmarkPayload(name) });
      await advance(300);
    }
    expect(server.log).toHaveLength(1);
    await advance(1000);
    expect(server.log.map((r) => [r.method, r.baseRevision, r.outcome])).toEqual([
      ['create', null, 1],
      ['update', 1, 2],
    ]);
    const entry = store.get(key)!;
    expect(nameOf(server.head(entry.serverId!)?.payload)).toBe('abc');
    expect(store.getSnapshot().summary.hasUnsavedChanges).toBe(false);
  });

  it('sends an edit made during a save after it, on the revision that save returned', async () => {
    const { server, store } = setup(100);
    const key = createOne(store);
    await advance(110); // the create is in flight
    expect(store.get(key)?.status).toBe('saving');
    store.update(key, { payload: landmarkPayload('moved') });
    await advance(500);
    expect(server.log.map((r) => [r.method, r.baseRevision])).toEqual([
      ['create', null],
      ['update', 1],
    ]);
    expect(store.get(key)).toMatchObject({ status: 'saved', revision: 2 });
  });

  it('changes the label in the payload too (the server refuses a payload naming another label)', async () => {
    const { server, store } = setup();
    const key = createOne(store);
    await advance(900);
    store.update(key, { labelId: 'label-2' });
    await advance(1000);
    const head = server.head(store.get(key)!.serverId!)!;
    expect([head.labelId, head.payload.labelId]).toEqual(['label-2', 'label-2']);
    expect(store.get(key)?.status).toBe('saved');
  });

  it('loads server heads without overwriting local changes', async () => {
    const { server, store } = setup(100);
    const key = createOne(store, 'mine');
    await advance(200);
    const id = store.get(key)!.serverId!;
    store.update(key, { payload: landmarkPayload('local edit') });
    store.load(server.heads());
    expect(nameOf(store.get(key)?.content.payload)).toBe('local edit');
    expect(store.findByServerId(id)?.key).toBe(key);
    await advance(200);
    expect(nameOf(server.head(id)?.payload)).toBe('local edit');
  });
});

describe('flush', () => {
  it('saves everything now, including an edit made while a save was under way', async () => {
    vi.useRealTimers();
    const server = new FakeAnnotationServer();
    server.latencyMs = 5;
    const store = new AnnotationStore({ transport: server.transport(), debounceMs: 60_000 });
    const key = createOne(store, 'v1');
    const first = store.flush();
    store.update(key, { payload: landmarkPayload('v2') }); // during the create
    await first;
    await store.flush();
    expect(store.get(key)).toMatchObject({ status: 'saved', revision: 2 });
    expect(nameOf(server.head(store.get(key)!.serverId!)?.payload)).toBe('v2');
    expect(store.getSnapshot().summary.hasUnsavedChanges).toBe(false);
    store.dispose();
  });
});

describe('deleting', () => {
  it('sends nothing for an annotation created and deleted within the debounce', async () => {
    const { server, store } = setup();
    const key = createOne(store);
    await advance(300);
    store.delete(key);
    await advance(2000);
    expect(server.log).toEqual([]);
    expect(store.getSnapshot().entries).toEqual([]);
    expect(store.getSnapshot().summary.hasUnsavedChanges).toBe(false);
  });

  it('deletes after a create that is still in flight, with the revision the create returned', async () => {
    const { server, store } = setup(100);
    const key = createOne(store);
    await advance(105);
    store.delete(key);
    await advance(1000);
    expect(server.log.map((r) => [r.method, r.baseRevision, r.outcome])).toEqual([
      ['create', null, 1],
      ['remove', 1, 2],
    ]);
    expect(server.heads()).toMatchObject([{ deleted: true, revision: 2 }]);
    expect(store.get(key)).toMatchObject({ status: 'saved', serverDeleted: true, revision: 2 });
  });

  it('undeletes through the restore route, then saves an edit made meanwhile', async () => {
    const { server, store } = setup(100);
    const key = createOne(store, 'first');
    await advance(200);
    store.delete(key);
    await advance(200);
    store.update(key, { payload: landmarkPayload('revived') });
    await advance(500);
    expect(server.log.map((r) => r.method)).toEqual(['create', 'remove', 'restore', 'update']);
    const head = server.head(store.get(key)!.serverId!)!;
    expect(head).toMatchObject({ deleted: false, revision: 4 });
    expect(nameOf(head.payload)).toBe('revived');
  });
});

describe('flaky network', () => {
  it('keeps offline edits as unsaved, retries with backoff and saves the latest once online', async () => {
    const { server, store } = setup(100);
    const key = createOne(store, 'v1');
    server.offline = true;
    await advance(200);
    expect(store.get(key)).toMatchObject({ status: 'unsaved' });
    expect(store.getSnapshot().summary).toMatchObject({ unsaved: 1, hasUnsavedChanges: true });
    store.update(key, { payload: landmarkPayload('v2') });
    await advance(30_000);
    const attempts = server.log.length;
    expect(attempts).toBeGreaterThan(3);
    expect(attempts).toBeLessThan(12); // backoff, not a busy loop
    expect(server.log.every((r) => r.outcome === 'error 0')).toBe(true);
    expect(nameOf(store.get(key)?.content.payload)).toBe('v2');

    server.offline = false;
    store.retryNow();
    await advance(100);
    const entry = store.get(key)!;
    expect(entry).toMatchObject({ status: 'saved', revision: 1, error: null });
    expect(nameOf(server.head(entry.serverId!)?.payload)).toBe('v2');
    expect(server.heads()).toHaveLength(1);
  });

  it('retries a 5xx until the server recovers', async () => {
    const { server, store } = setup(100);
    const key = createOne(store);
    server.failNext(3, 503);
    await advance(150);
    expect(store.get(key)?.status).toBe('unsaved');
    await advance(1000 + 2000 + 4000 + 200);
    expect(server.log.map((r) => r.outcome)).toEqual(['error 503', 'error 503', 'error 503', 1]);
    expect(store.get(key)?.status).toBe('saved');
  });

  it('recognises its own update when the reply was lost (409 holding exactly what it sent)', async () => {
    const { server, store } = setup(100);
    const key = createOne(store);
    await advance(200);
    store.update(key, { payload: landmarkPayload('edited') });
    server.loseNextReply();
    await advance(150);
    expect(store.get(key)?.status).toBe('unsaved');
    await advance(1100);
    expect(server.log.map((r) => r.outcome)).toEqual([1, 2, 'error 409']);
    expect(store.get(key)).toMatchObject({ status: 'saved', revision: 2, conflict: null });
  });

  it('parks a payload the server refuses as rejected, keeps it, and can discard it', async () => {
    const { server, store } = setup(100);
    const key = createOne(store);
    await advance(200);
    const broken = landmarkPayload('x');
    store.update(key, { payload: { ...broken, data: { ...broken.data, name: '' } } as typeof broken });
    await advance(5000);
    expect(server.log.map((r) => r.outcome)).toEqual([1, 'error 400']);
    expect(store.get(key)).toMatchObject({ status: 'rejected' });
    expect(store.getSnapshot().summary).toMatchObject({ rejected: 1, hasUnsavedChanges: true });
    store.discardLocalChanges(key);
    expect(nameOf(store.get(key)?.content.payload)).toBe('carina');
    expect(store.getSnapshot().summary.hasUnsavedChanges).toBe(false);
  });

  it.each([42, 7, 1234, 99, 2026])(
    'loses nothing over a long random session on a flaky network (seed %i)',
    async (initialSeed) => {
      const { server, store } = setup(50);
      let seed = initialSeed;
      const random = () => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed / 2 ** 31;
      };
      const keys: string[] = [];
      for (let step = 0; step < 300; step++) {
        const roll = random();
        server.offline = random() < 0.3;
        if (random() < 0.1) server.failNext(1, 500);
        if (random() < 0.05) server.loseNextReply();
        const live = keys.filter((k) => !store.get(k)!.content.deleted);
        if (roll < 0.2 || live.length === 0) keys.push(createOne(store, `new-${step}`));
        else if (roll < 0.8)
          store.update(live[Math.floor(random() * live.length)]!, { payload: landmarkPayload(`e-${step}`) });
        else store.delete(live[Math.floor(random() * live.length)]!);
        await advance(Math.floor(random() * 400));
      }
      server.offline = false;
      store.retryNow();
      await advance(60_000);
      for (const key of keys) {
        const entry = store.get(key)!;
        expect(entry.status).toBe('saved');
        if (entry.serverId === null) {
          expect(entry.content.deleted).toBe(true);
          continue;
        }
        const head = server.head(entry.serverId)!;
        expect(head.deleted).toBe(entry.content.deleted);
        if (!head.deleted) expect(nameOf(head.payload)).toBe(nameOf(entry.content.payload));
      }
      // A create whose reply was lost is resent with the same client id and finds what it made: every
      // server annotation is one the store knows, none twice.
      const known = new Set(keys.map((k) => store.get(k)!.serverId));
      const strays = server.heads().filter((h) => !known.has(h.id));
      expect(strays).toEqual([]);
      expect(server.log.some((r) => r.method === 'create' && r.replyLost)).toBe(true);
    },
  );
});

describe('optimistic concurrency', () => {
  async function twoUsersOnOneAnnotation() {
    const server = new FakeAnnotationServer();
    const creator = new AnnotationStore({ transport: server.transport('carol'), debounceMs: 100 });
    creator.create({ target: TARGET, labelId: 'label-1', payload: landmarkPayload('original') });
    await advance(200);
    const alice = new AnnotationStore({ transport: server.transport('alice'), debounceMs: 100 });
    const bob = new AnnotationStore({ transport: server.transport('bob'), debounceMs: 100 });
    alice.load(server.heads());
    bob.load(server.heads());
    const id = server.heads()[0]!.id;
    alice.update(id, { payload: landmarkPayload('alice') });
    bob.update(id, { payload: landmarkPayload('bob') });
    await advance(500);
    return { server, alice, bob, id };
  }

  it('puts the second saver in conflict, holding both versions', async () => {
    const { server, alice, bob, id } = await twoUsersOnOneAnnotation();
    expect(alice.get(id)).toMatchObject({ status: 'saved', revision: 2 });
    const entry = bob.get(id)!;
    expect(entry.status).toBe('conflict');
    expect(nameOf(entry.conflict?.mine.payload)).toBe('bob');
    expect(nameOf(entry.conflict?.theirs.payload)).toBe('alice');
    expect(entry.conflict?.theirs).toMatchObject({ revision: 2, authorId: 'alice' });
    expect(bob.getSnapshot().summary).toMatchObject({ conflicted: 1, hasUnsavedChanges: true });
    // A conflicted record waits: no retry storm while the user decides.
    bob.update(id, { payload: landmarkPayload('bob again') });
    await advance(10_000);
    expect(server.log.filter((r) => r.outcome === 'error 409')).toHaveLength(1);
    expect(nameOf(bob.get(id)?.conflict?.mine.payload)).toBe('bob again');
    // Discarding local changes in a conflict means taking theirs.
    bob.discardLocalChanges(id);
    expect(bob.get(id)).toMatchObject({ status: 'saved', revision: 2, conflict: null });
    expect(nameOf(bob.get(id)?.content.payload)).toBe('alice');
  });

  it('keep mine saves on their revision', async () => {
    const { server, bob, id } = await twoUsersOnOneAnnotation();
    bob.resolveConflict(id, { kind: 'keepMine' });
    await advance(200);
    expect(bob.get(id)).toMatchObject({ status: 'saved', revision: 3, conflict: null });
    expect(nameOf(server.head(id)?.payload)).toBe('bob');
  });

  it('take theirs adopts the server head without saving', async () => {
    const { server, bob, id } = await twoUsersOnOneAnnotation();
    const changes: string[] = [];
    bob.subscribe((c) => changes.push(c.source));
    bob.resolveConflict(id, { kind: 'takeTheirs' });
    await advance(2000);
    expect(bob.get(id)).toMatchObject({ status: 'saved', revision: 2 });
    expect(nameOf(bob.get(id)?.content.payload)).toBe('alice');
    expect(changes).toEqual(['server']);
    expect(server.head(id)?.revision).toBe(2);
  });

  it('merge saves the merged payload on their revision', async () => {
    const { server, bob, id } = await twoUsersOnOneAnnotation();
    bob.resolveConflict(id, { kind: 'merge', payload: landmarkPayload('alice+bob') });
    await advance(200);
    expect(nameOf(server.head(id)?.payload)).toBe('alice+bob');
    expect(server.head(id)?.revision).toBe(3);
  });

  it('keep mine over their deletion restores the annotation, then saves mine', async () => {
    const { server, alice, bob, id } = await twoUsersOnOneAnnotation();
    alice.delete(id);
    await advance(200);
    bob.resolveConflict(id, { kind: 'keepMine' });
    await advance(200);
    // Bob kept his edit over Alice's edit, but she has deleted it since: a second conflict.
    expect(bob.get(id)?.conflict?.theirs).toMatchObject({ deleted: true, revision: 3 });
    bob.resolveConflict(id, { kind: 'keepMine' });
    await advance(200);
    expect(server.log.slice(-2).map((r) => r.method)).toEqual(['restore', 'update']);
    expect(server.head(id)).toMatchObject({ deleted: false, revision: 5 });
    expect(nameOf(server.head(id)?.payload)).toBe('bob');
  });

  it('of N clients saving on the same base exactly one wins; the rest are in conflict', async () => {
    const server = new FakeAnnotationServer();
    const creator = new AnnotationStore({ transport: server.transport('c'), debounceMs: 10 });
    creator.create({ target: TARGET, labelId: 'label-1', payload: landmarkPayload('base') });
    await advance(100);
    const stores = Array.from({ length: 5 }, (_, n) => {
      const s = new AnnotationStore({ transport: server.transport(`u${n}`), debounceMs: 10 });
      s.load(server.heads());
      s.update(server.heads()[0]!.id, { payload: landmarkPayload(`u${n}`) });
      return s;
    });
    await advance(500);
    const id = server.heads()[0]!.id;
    const statuses = stores.map((s) => s.get(id)!.status).sort();
    expect(statuses).toEqual(['conflict', 'conflict', 'conflict', 'conflict', 'saved']);
    expect(server.revisions(id)).toHaveLength(2);
  });
});
