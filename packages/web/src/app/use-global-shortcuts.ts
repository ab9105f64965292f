import { useEffect, useRef } from 'react';
import { isKeyHandled } from './handled-keys.js';
import { isTypingTarget, keyNameOf, type ShortcutBinding, ShortcutMatcher } from './shortcut-registry.js';

/**
 * Listens on the window for the given shortcuts. Keys typed into a field, keys with Ctrl/Alt/Meta, and
 * keys a screen already handled (handled-keys.ts) are left alone. The bindings are
 * read on each key press, so a re-render's fresh closures are the ones that run.
 */
export function useGlobalShortcuts(bindings: readonly ShortcutBinding[]): void {
  const current = useRef(bindings);
  current.current = bindings;
  useEffect(() => {
    const matcher = new ShortcutMatcher(() => current.current);
    function onKeyDown(event: KeyboardEvent) {
      if (isKeyHandled(event) || event.ctrlKey || event.altKey || event.metaKey) return;
      if (event.key !== 'Escape' && isTypingTarget(event.target)) return;
      const binding = matcher.press(keyNameOf(event.key), event.timeStamp);
      if (!binding) return;
      event.preventDefault();
      binding.run();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
