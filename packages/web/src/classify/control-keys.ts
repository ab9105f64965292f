import type { KeyboardEvent } from 'react';

/** The part of an element `isControlKey` reads (an HTMLElement has all of it). */
export interface KeyTarget {
  readonly tagName: string;
  readonly type?: string;
  readonly isContentEditable?: boolean;
}

const NON_TEXT_INPUTS = ['button', 'checkbox', 'radio', 'submit', 'reset', 'color', 'range'];
const ARROWS = ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'];

/**
 * Whether a key pressed on one of the panels' controls is the control's own. The viewer page reads keys
 * as they bubble up (arrows scroll, Space plays, letters switch tools) and prevents their default, which
 * would stop a textarea taking letters, a button taking Space, or a radio group taking arrows. Escape
 * always goes on, so overlays still close.
 */
export function isControlKey(target: KeyTarget, key: string): boolean {
  if (key === 'Escape') return false;
  const tag = target.tagName.toUpperCase();
  const type = (target.type ?? 'text').toLowerCase();
  if (target.isContentEditable || tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT' && !NON_TEXT_INPUTS.includes(type)) return true;
  if (tag === 'INPUT' && type === 'radio' && ARROWS.includes(key)) return true;
  return (tag === 'BUTTON' || tag === 'INPUT') && (key === ' ' || key === 'Enter');
}

/** A panel's onKeyDown: keeps its controls' own keys from the viewer's handlers above it. */
export function keepControlKeys(event: KeyboardEvent): void {
  const target = event.target;
  if (target instanceof HTMLElement && isControlKey(target as KeyTarget, event.key)) event.stopPropagation();
}
