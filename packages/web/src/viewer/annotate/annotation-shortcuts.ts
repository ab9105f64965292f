import { DRAW_TOOLS, type DrawToolId, drawToolForKey } from './draw-tools.js';

/** What the annotation keys do. */
export type AnnotationAction =
  | { readonly kind: 'pick-label'; readonly index: number }
  | { readonly kind: 'tool'; readonly tool: DrawToolId }
  | { readonly kind: 'stop-drawing' }
  | { readonly kind: 'delete' }
  | { readonly kind: 'undo' }
  | { readonly kind: 'redo' }
  | { readonly kind: 'box-end'; readonly end: 'first' | 'last' };

export interface KeyPress {
  readonly key: string;
  readonly code: string;
  readonly shiftKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
}

/** The help overlay's lines for the annotation keys. */
export const annotationShortcuts: readonly {
  readonly keys: readonly string[];
  readonly description: string;
}[] = [
  { keys: ['1 … 9'], description: 'Pick the label with that number (and a tool that fits it)' },
  ...DRAW_TOOLS.map((t) => ({ keys: [t.key], description: `Draw: ${t.title}` })),
  {
    keys: ['Esc'],
    description: 'Stop drawing (the left button adjusts the window again); clear the selection',
  },
  { keys: ['Delete', 'Backspace'], description: 'Delete the selected annotations' },
  { keys: ['Ctrl+Z'], description: 'Undo' },
  { keys: ['Ctrl+Shift+Z', 'Ctrl+Y'], description: 'Redo' },
  { keys: ['<'], description: 'Selected 3D box: starts on this slice' },
  { keys: ['>'], description: 'Selected 3D box: ends on this slice' },
];

/** The annotation action of a key press, if any. Digits match the physical key, so Shift+digit stays a preset. */
export function annotationActionFor(event: KeyPress): AnnotationAction | undefined {
  const command = event.ctrlKey || event.metaKey;
  if (command && !event.altKey) {
    const key = event.key.toLowerCase();
    if (key === 'z') return { kind: event.shiftKey ? 'redo' : 'undo' };
    if (key === 'y' && !event.shiftKey) return { kind: 'redo' };
    return undefined;
  }
  if (event.altKey || event.ctrlKey || event.metaKey) return undefined;
  const digit = /^Digit([1-9])$/.exec(event.code);
  if (digit && !event.shiftKey) return { kind: 'pick-label', index: Number(digit[1]) - 1 };
  if (event.key === 'Escape') return { kind: 'stop-drawing' };
  if (event.key === 'Delete' || event.key === 'Backspace') return { kind: 'delete' };
  if (event.key === '<') return { kind: 'box-end', end: 'first' };
  if (event.key === '>') return { kind: 'box-end', end: 'last' };
  const tool = drawToolForKey(event);
  return tool ? { kind: 'tool', tool: tool.id } : undefined;
}
