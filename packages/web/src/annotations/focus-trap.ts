import { type KeyboardEvent, type RefObject, useEffect } from 'react';

/**
 * Where Tab goes inside a modal with `count` focusable elements when element `index` has focus (-1: the
 * dialog itself or something outside them): the other end when it would leave, else undefined (the
 * browser's own Tab order is right inside).
 */
export function focusTrapTarget(count: number, index: number, backwards: boolean): number | undefined {
  if (count === 0) return undefined;
  if (index === -1) return backwards ? count - 1 : 0;
  if (backwards && index === 0) return count - 1;
  if (!backwards && index === count - 1) return 0;
  return undefined;
}

const FOCUSABLE =
  'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A modal's keyboard: focus moves into the container when it opens (so a screen reader announces it) and
 * back where it was when it closes; Tab and Shift+Tab cycle inside; Escape calls onEscape. Every key stops
 * here, so the viewer's and the app's shortcuts do not act behind the dialog.
 */
export function useFocusTrap(container: RefObject<HTMLElement | null>, onEscape: () => void) {
  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    container.current?.focus();
    return () => {
      if (previous?.isConnected) previous.focus();
    };
  }, [container]);

  return function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    event.stopPropagation();
    if (event.key === 'Escape') {
      event.preventDefault();
      onEscape();
      return;
    }
    if (event.key !== 'Tab' || !container.current) return;
    const focusable = [...container.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const index = focusable.indexOf(document.activeElement as HTMLElement);
    const target = focusTrapTarget(focusable.length, index, event.shiftKey);
    if (target === undefined) return;
    event.preventDefault();
    focusable[target]!.focus();
  };
}
