import { type MouseEvent, useSyncExternalStore } from 'react';

/**
 * Client-side navigation over the History API. pushState fires no event, so navigate() announces the
 * change itself; the back and forward buttons fire popstate.
 */
const CHANGED = 'voxelhub:navigate';

/** The path and query: the viewer's `?author=` filter is part of what a screen shows. */
const currentAddress = () => window.location.pathname + window.location.search;

/** Goes to a path (with a query, if any); nothing happens when the address is already that. */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === currentAddress()) return;
  if (options.replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  window.dispatchEvent(new Event(CHANGED));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(CHANGED, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(CHANGED, onChange);
  };
}

/** The current path with its query (for `parseRoute`); the component re-renders when either changes. */
export function usePath(): string {
  return useSyncExternalStore(subscribe, currentAddress);
}

/** For <a href> elements: a plain left click navigates in the page; a modified click opens a tab as usual. */
export function followLink(event: MouseEvent<HTMLAnchorElement>): void {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(event.currentTarget.getAttribute('href') ?? '/');
}
