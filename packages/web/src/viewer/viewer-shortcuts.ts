import type { PresetId } from './window-level-presets.js';

/** Everything the viewer's keyboard can do. */
export type ViewerAction =
  | { readonly kind: 'scroll'; readonly delta: number }
  | { readonly kind: 'first' }
  | { readonly kind: 'last' }
  | { readonly kind: 'preset'; readonly preset: PresetId }
  | { readonly kind: 'mouse-mode'; readonly mode: MouseMode }
  | { readonly kind: 'zoom'; readonly factor: number }
  | { readonly kind: 'rotate'; readonly degrees: number }
  | { readonly kind: 'flip'; readonly axis: 'horizontal' | 'vertical' }
  | { readonly kind: 'invert' }
  | { readonly kind: 'reset' }
  | { readonly kind: 'play-pause' }
  | { readonly kind: 'frame-rate'; readonly delta: number }
  | { readonly kind: 'toggle-mpr' };

/** What a left drag does in the viewport. */
export type MouseMode = 'window-level' | 'zoom' | 'pan';

export interface ViewerShortcut {
  /** The keys as the help overlay shows them. */
  readonly keys: readonly string[];
  readonly description: string;
  readonly group: 'Navigate' | 'Window/level' | 'View' | 'Cine' | 'Layout';
  readonly action: ViewerAction;
}

/**
 * The viewer's keyboard shortcuts, for the `?` help overlay. Window presets sit on Shift+digit
 * (matched by physical key, so any layout works) because plain 1–9 pick labels; G, O, P, N and ? stay
 * free for the app's global shortcuts (`g p`, `g o`, `n`, `?`), which a viewer key would swallow.
 */
export const viewerShortcuts: readonly ViewerShortcut[] = [
  {
    keys: ['↓', '→'],
    description: 'Next slice or frame',
    group: 'Navigate',
    action: { kind: 'scroll', delta: 1 },
  },
  {
    keys: ['↑', '←'],
    description: 'Previous slice or frame',
    group: 'Navigate',
    action: { kind: 'scroll', delta: -1 },
  },
  {
    keys: ['PageDown'],
    description: '10 slices forward',
    group: 'Navigate',
    action: { kind: 'scroll', delta: 10 },
  },
  {
    keys: ['PageUp'],
    description: '10 slices back',
    group: 'Navigate',
    action: { kind: 'scroll', delta: -10 },
  },
  { keys: ['Home'], description: 'First slice or frame', group: 'Navigate', action: { kind: 'first' } },
  { keys: ['End'], description: 'Last slice or frame', group: 'Navigate', action: { kind: 'last' } },
  {
    keys: ['Shift+1'],
    description: 'CT lung window (W1500/L-600)',
    group: 'Window/level',
    action: { kind: 'preset', preset: 'lung' },
  },
  {
    keys: ['Shift+2'],
    description: 'CT soft tissue/mediastinum window (W400/L40)',
    group: 'Window/level',
    action: { kind: 'preset', preset: 'soft-tissue' },
  },
  {
    keys: ['Shift+3'],
    description: 'CT bone window (W1800/L400)',
    group: 'Window/level',
    action: { kind: 'preset', preset: 'bone' },
  },
  {
    keys: ['Shift+4'],
    description: 'CT brain window (W80/L40)',
    group: 'Window/level',
    action: { kind: 'preset', preset: 'brain' },
  },
  {
    keys: ['Shift+5'],
    description: 'CT liver window (W150/L30)',
    group: 'Window/level',
    action: { kind: 'preset', preset: 'liver' },
  },
  {
    keys: ['Shift+0'],
    description: "The image's own window (auto)",
    group: 'Window/level',
    action: { kind: 'preset', preset: 'auto' },
  },
  {
    keys: ['W'],
    description: 'Left drag sets window/level',
    group: 'View',
    action: { kind: 'mouse-mode', mode: 'window-level' },
  },
  {
    keys: ['Z'],
    description: 'Left drag zooms',
    group: 'View',
    action: { kind: 'mouse-mode', mode: 'zoom' },
  },
  {
    keys: ['D'],
    description: 'Left drag pans (drags the image)',
    group: 'View',
    action: { kind: 'mouse-mode', mode: 'pan' },
  },
  { keys: ['+', '='], description: 'Zoom in', group: 'View', action: { kind: 'zoom', factor: 1.25 } },
  { keys: ['-'], description: 'Zoom out', group: 'View', action: { kind: 'zoom', factor: 0.8 } },
  {
    keys: [']'],
    description: 'Rotate 90° clockwise',
    group: 'View',
    action: { kind: 'rotate', degrees: 90 },
  },
  {
    keys: ['['],
    description: 'Rotate 90° anticlockwise',
    group: 'View',
    action: { kind: 'rotate', degrees: -90 },
  },
  {
    keys: ['H'],
    description: 'Flip horizontally',
    group: 'View',
    action: { kind: 'flip', axis: 'horizontal' },
  },
  { keys: ['V'], description: 'Flip vertically', group: 'View', action: { kind: 'flip', axis: 'vertical' } },
  { keys: ['I'], description: 'Invert greys', group: 'View', action: { kind: 'invert' } },
  { keys: ['R'], description: 'Reset the view', group: 'View', action: { kind: 'reset' } },
  { keys: ['Space'], description: 'Play or pause the cine', group: 'Cine', action: { kind: 'play-pause' } },
  {
    keys: ['Shift+↑'],
    description: 'Cine faster (+5 frames/s)',
    group: 'Cine',
    action: { kind: 'frame-rate', delta: 5 },
  },
  {
    keys: ['Shift+↓'],
    description: 'Cine slower (−5 frames/s)',
    group: 'Cine',
    action: { kind: 'frame-rate', delta: -5 },
  },
  {
    keys: ['M'],
    description: 'Toggle MPR (axial, sagittal, coronal)',
    group: 'Layout',
    action: { kind: 'toggle-mpr' },
  },
];

/** The part of a KeyboardEvent the shortcuts look at. */
export interface KeyPress {
  readonly key: string;
  readonly code?: string;
  readonly shiftKey?: boolean;
  readonly ctrlKey?: boolean;
  readonly altKey?: boolean;
  readonly metaKey?: boolean;
}

/** Display names of keys whose `event.key` differs from how the list writes them. */
const KEY_NAMES: Readonly<Record<string, string>> = {
  ArrowDown: '↓',
  ArrowUp: '↑',
  ArrowLeft: '←',
  ArrowRight: '→',
  ' ': 'Space',
};

/** Lookup from a pressed key's name (as the list writes it) to its action; built once. */
const BY_KEY = new Map<string, ViewerAction>(
  viewerShortcuts.flatMap((s) =>
    s.keys.map((k) => [k.length === 1 ? k.toUpperCase() : k, s.action] as const),
  ),
);

/**
 * The viewer action a key press asks for, or undefined. Ctrl/Alt/Meta chords belong to the browser.
 * Shift+digit is read from the physical key (`code`), since Shift+1 types '!' on one layout, '+' on another.
 */
export function viewerActionFor(press: KeyPress): ViewerAction | undefined {
  if (press.ctrlKey || press.altKey || press.metaKey) return undefined;
  const digit = /^Digit(\d)$/.exec(press.code ?? '')?.[1];
  if (press.shiftKey && digit !== undefined) return BY_KEY.get(`Shift+${digit}`);
  const name = KEY_NAMES[press.key] ?? press.key;
  if (press.shiftKey && (name === '↑' || name === '↓')) return BY_KEY.get(`Shift+${name}`);
  return BY_KEY.get(name.length === 1 ? name.toUpperCase() : name);
}

/** The keys listed for an action, as a button's title suffix: " (Shift+1)", or '' when it has none. */
export function shortcutHint(action: ViewerAction): string {
  const wanted = JSON.stringify(action);
  const keys = viewerShortcuts.find((s) => JSON.stringify(s.action) === wanted)?.keys;
  return keys ? ` (${keys.join(' or ')})` : '';
}
