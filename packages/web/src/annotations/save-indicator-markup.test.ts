import type { AnnotationPayload } from '@voxelhub/core/annotation';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AnnotationStore } from './annotation-store.js';
import { ConflictDialog } from './ConflictDialog.js';
import { FakeAnnotationServer } from './fake-annotation-server.js';
import { SaveIndicator } from './SaveIndicator.js';
import { classification } from './sample-payloads.js';
import { landmarkPayload, TARGET } from './test-annotations.js';

/** The components' HTML as the browser first gets it, for stores in real states (no DOM needed). */

const advance = (ms: number) => vi.advanceTimersByTimeAsync(ms);
const LABELS = [{ id: 'label-1', name: 'Nodule' }];

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Bob's store after Alice and Bob edited the same annotations: each of Bob's saves meets hers. */
async function bobInConflict(
  edits: readonly { original: AnnotationPayload; alice: AnnotationPayload; bob: AnnotationPayload }[],
) {
  const server = new FakeAnnotationServer();
  const creator = new AnnotationStore({ transport: server.transport('carol'), debounceMs: 100 });
  for (const edit of edits) creator.create({ target: TARGET, labelId: 'label-1', payload: edit.original });
  await advance(300);
  const alice = new AnnotationStore({ transport: server.transport('alice'), debounceMs: 100 });
  const bob = new AnnotationStore({ transport: server.transport('bob'), debounceMs: 100 });
  alice.load(server.heads());
  bob.load(server.heads());
  server.heads().forEach((head, i) => {
    alice.update(head.id, { payload: edits[i]!.alice });
    bob.update(head.id, { payload: edits[i]!.bob });
  });
  await advance(1000);
  return bob;
}

function indicatorOf(store: AnnotationStore): string {
  return renderToStaticMarkup(createElement(SaveIndicator, { store, labels: LABELS }));
}

function dialogOf(store: AnnotationStore): string {
  const conflicts = store.getSnapshot().entries.filter((e) => e.status === 'conflict');
  return renderToStaticMarkup(
    createElement(ConflictDialog, {
      conflicts,
      labels: LABELS,
      onResolve: () => {},
      onClose: () => {},
      authorName: (id) => (id === 'alice' ? 'Alice' : undefined),
    }),
  );
}

const landmarks = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    original: landmarkPayload(`original ${i}`),
    alice: landmarkPayload(`alice ${i}`),
    bob: landmarkPayload(`bob ${i}`),
  }));

describe('SaveIndicator', () => {
  it('says all is saved, politely live, with its state for tests', () => {
    const html = indicatorOf(new AnnotationStore({ transport: new FakeAnnotationServer().transport() }));
    expect(html).toContain('data-testid="save-indicator" data-state="saved" aria-live="polite"');
    expect(html).toContain('All changes saved');
  });

  it('says Saving… while an edit waits for its save', () => {
    const store = new AnnotationStore({ transport: new FakeAnnotationServer().transport() });
    store.create({ target: TARGET, labelId: 'label-1', payload: landmarkPayload('new') });
    expect(indicatorOf(store)).toContain('data-state="saving"');
    expect(indicatorOf(store)).toContain('Saving…');
  });

  it('counts unsaved records and offers Retry now while the server is down', async () => {
    const server = new FakeAnnotationServer();
    server.offline = true;
    const store = new AnnotationStore({ transport: server.transport(), debounceMs: 100 });
    store.create({ target: TARGET, labelId: 'label-1', payload: landmarkPayload('a') });
    store.create({ target: TARGET, labelId: 'label-1', payload: landmarkPayload('b') });
    await advance(200);
    const html = indicatorOf(store);
    expect(html).toContain('data-state="unsaved"');
    expect(html).toContain('2 unsaved — retrying');
    expect(html).toContain('>Retry now</button>');
  });

  it('shows a conflict as a button that opens the dialog', async () => {
    const html = indicatorOf(await bobInConflict(landmarks(1)));
    expect(html).toContain('data-state="conflict"');
    expect(html).toMatch(/<button[^>]*aria-haspopup="dialog"[^>]*>1 conflict<\/button>/);
  });

  it('shows a refusal as a button that opens the list of reasons', async () => {
    const server = new FakeAnnotationServer();
    server.failNext(1, 403);
    const store = new AnnotationStore({ transport: server.transport(), debounceMs: 100 });
    store.create({ target: TARGET, labelId: 'label-1', payload: landmarkPayload('a') });
    await advance(200);
    const html = indicatorOf(store);
    expect(html).toContain('data-state="rejected"');
    expect(html).toMatch(/<button[^>]*aria-expanded="false"[^>]*>1 refused<\/button>/);
  });
});

describe('ConflictDialog', () => {
  it('is a named modal showing both versions, who saved theirs, and "1 of 2"', async () => {
    const html = dialogOf(await bobInConflict(landmarks(2)));
    expect(html).toMatch(/role="dialog" aria-modal="true" aria-labelledby="[^"]+" aria-describedby="[^"]+"/);
    expect(html).toContain('1 of 2');
    expect(html).toContain('Saved by Alice · revision 2');
    expect(html).toContain('“alice 0” at');
    expect(html).toContain('“bob 0” at');
    expect(html).toContain('Nodule');
  });

  it('offers no merge for two positions of a shape', async () => {
    const html = dialogOf(await bobInConflict(landmarks(1)));
    expect(html).not.toContain('1 of 1');
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*>Merge<\/button>/);
  });

  it('offers and previews the merge of two multiple-choice answers', async () => {
    const answers = (...choices: string[]) => classification({ kind: 'multiple', choices });
    const html = dialogOf(
      await bobInConflict([{ original: answers('a'), alice: answers('a', 'b'), bob: answers('a', 'c') }]),
    );
    expect(html).toContain('Merge keeps both: Slice 1 · Image level · Answers: a, c, b');
    expect(html).not.toMatch(/<button[^>]*disabled=""[^>]*>Merge<\/button>/);
  });
});
