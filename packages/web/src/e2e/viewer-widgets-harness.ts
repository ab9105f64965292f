import type { AnnotationPayload } from '@voxelhub/core/annotation';
import { createElement, Fragment } from 'react';
import { createRoot } from 'react-dom/client';
import { AnnotationStore } from '../annotations/annotation-store.js';
import { FakeAnnotationServer } from '../annotations/fake-annotation-server.js';
import { SaveIndicator } from '../annotations/SaveIndicator.js';
import { landmarkPayload, TARGET } from '../annotations/test-annotations.js';
import type { Study } from '../api/api-types.js';
import { SeriesStrip } from '../viewer/SeriesStrip.js';
// The app's theme (colours, buttons), so the screenshots show the widgets as the viewer does.
import '../styles.css';

/**
 * A page with the viewer's save indicator and series strip alone, for viewer-widgets.test.ts: Bob's store
 * has two annotations in conflict with Alice's edits and one save the server refused, all made through the
 * in-memory server, so the browser test drives the real components against a real save engine.
 */
declare global {
  interface Window {
    harness: { ready: Promise<void>; bob: AnnotationStore; server: FakeAnnotationServer };
  }
}

const DEBOUNCE_MS = 20;

async function settle(store: AnnotationStore): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, DEBOUNCE_MS * 3));
  await store.flush();
}

async function bobWithConflictsAndARefusal(server: FakeAnnotationServer): Promise<AnnotationStore> {
  server.latencyMs = 1;
  const carol = new AnnotationStore({ transport: server.transport('carol'), debounceMs: DEBOUNCE_MS });
  for (const name of ['one', 'two', 'three'])
    carol.create({ target: TARGET, labelId: 'label-1', payload: landmarkPayload(name) });
  await settle(carol);
  const alice = new AnnotationStore({ transport: server.transport('alice'), debounceMs: DEBOUNCE_MS });
  const bob = new AnnotationStore({ transport: server.transport('bob'), debounceMs: DEBOUNCE_MS });
  alice.load(server.heads());
  bob.load(server.heads());
  const [first, second, third] = server.heads().map((h) => h.id);
  const edit = (store: AnnotationStore, id: string | undefined, name: string) =>
    store.update(id!, { payload: landmarkPayload(name) as AnnotationPayload });
  edit(alice, first, 'alice one');
  edit(alice, second, 'alice two');
  await settle(alice);
  edit(bob, first, 'bob one');
  edit(bob, second, 'bob two');
  await settle(bob);
  server.failNext(1, 403);
  edit(bob, third, 'bob three');
  await settle(bob);
  return bob;
}

const STUDIES: Study[] = [
  {
    id: 'study-1',
    studyInstanceUid: '1.2.3',
    subject: 'S1',
    studyDate: null,
    description: 'CT chest',
    series: ['1', '2', '3'].map((n) => ({
      id: `s${n}`,
      seriesInstanceUid: `1.2.3.${n}`,
      modality: 'CT',
      description: `Series ${n}`,
      imageCount: 10,
    })),
  },
];

const server = new FakeAnnotationServer();
const ready = bobWithConflictsAndARefusal(server).then((bob) => {
  window.harness.bob = bob;
  createRoot(document.getElementById('root')!).render(
    createElement(
      Fragment,
      null,
      createElement('button', { type: 'button', id: 'before' }, 'Before'),
      createElement(SaveIndicator, {
        store: bob,
        labels: [{ id: 'label-1', name: 'Nodule' }],
        authorName: (id: string) => (id === 'alice' ? 'Alice' : undefined),
      }),
      createElement(SeriesStrip, {
        projectId: 'p1',
        studyUid: '1.2.3',
        seriesUid: '1.2.3.2',
        studies: STUDIES,
      }),
    ),
  );
});
window.harness = { ready, server } as Window['harness'];
