/**
 * The keys of the review queue and the review screen, as data and a pure mapping (tested without a
 * browser). Letters with Ctrl, Alt or ⌘ belong to the browser; a held key acts once for decisions, so a
 * long press cannot decide several items.
 */
export interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly repeat?: boolean;
}

export type QueueAction = { readonly kind: 'move'; readonly step: 1 | -1 } | { readonly kind: 'open' };

/** J / ↓ next, K / ↑ previous, Enter opens the selected item. */
export function queueActionOf(press: KeyPress): QueueAction | null {
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  switch (press.key) {
    case 'j':
    case 'J':
    case 'ArrowDown':
      return { kind: 'move', step: 1 };
    case 'k':
    case 'K':
    case 'ArrowUp':
      return { kind: 'move', step: -1 };
    case 'Enter':
      return press.repeat ? null : { kind: 'open' };
    default:
      return null;
  }
}

export type ReviewAction =
  | { readonly kind: 'accept-reader'; readonly index: number }
  | { readonly kind: 'accept-consensus' }
  | { readonly kind: 'send-back' }
  | { readonly kind: 'toggle-overlay' }
  | { readonly kind: 'slice'; readonly delta: number }
  | { readonly kind: 'slice-end'; readonly end: 'first' | 'last' };

const SLICE_STEPS: Readonly<Record<string, number>> = {
  ArrowDown: 1,
  ArrowRight: 1,
  ArrowUp: -1,
  ArrowLeft: -1,
  PageDown: 10,
  PageUp: -10,
};

/**
 * 1–9 accept that reader's annotations (only readers that exist), A the consensus, S sends back, O switches
 * overlay and side by side; arrows, PageUp/PageDown, Home and End move through slices as in the viewer.
 */
export function reviewActionOf(press: KeyPress, readerCount: number): ReviewAction | null {
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  const step = SLICE_STEPS[press.key];
  if (step !== undefined) return { kind: 'slice', delta: step };
  if (press.key === 'Home') return { kind: 'slice-end', end: 'first' };
  if (press.key === 'End') return { kind: 'slice-end', end: 'last' };
  if (press.repeat) return null;
  if (/^[1-9]$/.test(press.key)) {
    const index = Number(press.key) - 1;
    return index < readerCount ? { kind: 'accept-reader', index } : null;
  }
  switch (press.key.toLowerCase()) {
    case 'a':
      return { kind: 'accept-consensus' };
    case 's':
      return { kind: 'send-back' };
    case 'o':
      return { kind: 'toggle-overlay' };
    default:
      return null;
  }
}

/** The slice after a step, kept inside 0 … count − 1. */
export function stepSlice(slice: number, count: number, action: ReviewAction): number {
  if (count <= 0) return 0;
  if (action.kind === 'slice') return Math.min(Math.max(slice + action.delta, 0), count - 1);
  if (action.kind === 'slice-end') return action.end === 'first' ? 0 : count - 1;
  return slice;
}

/** The index after a move in a list, kept inside it; -1 for an empty list. */
export function moveIndex(index: number, length: number, step: 1 | -1): number {
  if (length === 0) return -1;
  return Math.min(Math.max(index + step, 0), length - 1);
}

/** The help overlay's lines for these keys. */
export const reviewQueueShortcuts: readonly {
  readonly keys: readonly string[];
  readonly description: string;
}[] = [
  { keys: ['j', '↓'], description: 'Next disputed item' },
  { keys: ['k', '↑'], description: 'Previous disputed item' },
  { keys: ['Enter'], description: 'Review the selected item' },
];

export const reviewScreenShortcuts: readonly {
  readonly keys: readonly string[];
  readonly description: string;
}[] = [
  { keys: ['1 … 9'], description: "Accept that reader's annotations" },
  { keys: ['a'], description: 'Accept the proposed consensus' },
  { keys: ['s'], description: 'Send back to the readers (asks for a comment)' },
  { keys: ['o'], description: 'Switch between overlay and side by side' },
  { keys: ['↓', '→'], description: 'Next slice' },
  { keys: ['↑', '←'], description: 'Previous slice' },
  { keys: ['PageDown'], description: '10 slices forward' },
  { keys: ['PageUp'], description: '10 slices back' },
  { keys: ['Home'], description: 'First slice' },
  { keys: ['End'], description: 'Last slice' },
];
