import { useEffect, useSyncExternalStore } from 'react';
import type { AnnotationStore, StoreSnapshot } from './annotation-store.js';

/**
 * The store's annotations and save counts, re-rendering on every change. While mounted it also retries
 * waiting saves as soon as the browser is back online, and asks before the page is left with changes the
 * server does not hold yet.
 */
export function useAnnotationStore(store: AnnotationStore): StoreSnapshot {
  const snapshot = useSyncExternalStore(
    (onChange) => store.subscribe(onChange),
    () => store.getSnapshot(),
  );
  useEffect(() => {
    const online = () => store.retryNow();
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (store.getSnapshot().summary.hasUnsavedChanges) event.preventDefault();
    };
    window.addEventListener('online', online);
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('beforeunload', beforeUnload);
    };
  }, [store]);
  return snapshot;
}
