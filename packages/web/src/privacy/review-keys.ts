/** What a key does in the held-for-review list. */
export type ReviewAction = 'accept' | 'reject' | 'next' | 'previous' | 'undo';

export interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  /** A key held down: its repeats move through the list but never decide, one image at a time. */
  readonly repeat?: boolean;
}

/**
 * A = accept, R = reject, arrows move between images, Ctrl+Z (⌘Z on a Mac) undoes the last marked
 * region. Letters with a modifier are the browser's (Ctrl+R reloads), so they do nothing here; a held
 * A or R acts once, lest it accept or reject the images that come after.
 */
export function reviewActionOf(press: KeyPress): ReviewAction | null {
  const modified = press.ctrlKey || press.metaKey;
  if (modified && !press.altKey && press.key.toLowerCase() === 'z') return 'undo';
  if (modified || press.altKey) return null;
  switch (press.key) {
    case 'a':
    case 'A':
      return press.repeat ? null : 'accept';
    case 'r':
    case 'R':
      return press.repeat ? null : 'reject';
    case 'ArrowDown':
    case 'ArrowRight':
      return 'next';
    case 'ArrowUp':
    case 'ArrowLeft':
      return 'previous';
    default:
      return null;
  }
}

/** The index after a move, kept inside the list; -1 for an empty list. */
export function moveSelection(index: number, length: number, step: 1 | -1): number {
  if (length === 0) return -1;
  return Math.min(Math.max(index + step, 0), length - 1);
}
