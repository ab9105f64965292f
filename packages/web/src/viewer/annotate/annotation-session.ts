import type { AnnotationHead } from '../../annotations/annotation-head.js';
import { AnnotationHistory } from '../../annotations/annotation-history.js';
import { AnnotationStore } from '../../annotations/annotation-store.js';
import { createApiTransport } from '../../annotations/annotation-transport.js';
import { api } from '../../api/api-client.js';
import type { AnnotationPlace } from './annotation-place.js';
import { annotationListQuery } from './author-filter.js';

/** The annotations of what one viewer shows: the save engine, its undo history, and the first load. */
export interface AnnotationSession {
  readonly store: AnnotationStore;
  readonly history: AnnotationHistory;
  /** Resolves once the server's annotations are in the store. */
  readonly loaded: Promise<void>;
  /**
   * Leaving the viewer: pending saves start now, and the store lives on (retrying, and asking before the
   * page is closed) until the server holds every change; nothing is dropped by switching series.
   */
  close(): void;
}

/** `authorId` loads only that author's annotations (the viewer's `?author=`); new ones are still the caller's. */
export function openAnnotationSession(
  projectId: string,
  place: AnnotationPlace,
  authorId?: string,
): AnnotationSession {
  const store = new AnnotationStore({ transport: createApiTransport(api, projectId) });
  const history = new AnnotationHistory(store);
  const loaded = api
    .get<{ annotations: AnnotationHead[] }>(
      `/api/projects/${encodeURIComponent(projectId)}/annotations?${annotationListQuery(place.listQuery, authorId)}`,
    )
    .then(({ annotations }) => store.load(annotations));
  return { store, history, loaded, close: () => closeWhenSaved(store) };
}

function closeWhenSaved(store: AnnotationStore): void {
  const unsaved = () => store.getSnapshot().summary.hasUnsavedChanges;
  const beforeUnload = (event: BeforeUnloadEvent) => {
    if (unsaved()) event.preventDefault();
  };
  window.addEventListener('beforeunload', beforeUnload);
  const finish = () => {
    if (unsaved()) return;
    unsubscribe();
    window.removeEventListener('beforeunload', beforeUnload);
    store.dispose();
  };
  const unsubscribe = store.subscribe(finish);
  void store.flush().then(finish);
}
