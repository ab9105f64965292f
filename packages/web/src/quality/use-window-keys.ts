import { useEffect, useRef } from 'react';
import { markKeyHandled } from '../app/handled-keys.js';
import { isTypingTarget } from '../app/shortcut-registry.js';

/**
 * A screen's own keys, heard on the window: keys typed in a field, keys a dialog already stopped, and any
 * key while a modal (the keyboard help) is open never arrive. `handle` answers whether it acted; a handled key is marked so the app's global shortcuts skip it.
 * The latest `handle` runs (its closure sees the current state).
 */
export function useWindowKeys(handle: (event: KeyboardEvent) => boolean): void {
  const current = useRef(handle);
  current.current = handle;
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || isTypingTarget(event.target)) return;
      if (document.querySelector('[aria-modal="true"]')) return;
      if (current.current(event)) markKeyHandled(event);
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}

/** Whether Enter on this element already does something of its own (a link, a button). */
export function isActivatable(target: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return false;
  return target.closest('a[href], button, summary') !== null;
}
