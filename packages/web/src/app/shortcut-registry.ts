/**
 * Keyboard shortcuts as data: each names its keys (a sequence such as `g p` is keys pressed one after
 * the other), what it does, and the group the help overlay lists it under. The matcher turns key
 * presses into the shortcut to run, so the rules live here and are tested without a browser.
 */
export interface Shortcut {
  /** Space-separated key names as KeyboardEvent.key gives them: `?`, `n`, `g p`, `Escape`. */
  readonly keys: string;
  readonly description: string;
}

export interface ShortcutGroup {
  readonly title: string;
  readonly shortcuts: readonly Shortcut[];
}

export interface ShortcutBinding extends Shortcut {
  readonly run: () => void;
}

export type MatchResult =
  | { readonly kind: 'run'; readonly binding: ShortcutBinding }
  /** The keys so far begin a sequence: wait for the next one. */
  | { readonly kind: 'pending' }
  | { readonly kind: 'none' };

function sequenceOf(keys: string): string[] {
  return keys.split(' ').filter((key) => key !== '');
}

/** The binding the pressed keys complete, or whether they are the start of one. */
export function matchKeys(bindings: readonly ShortcutBinding[], pressed: readonly string[]): MatchResult {
  let pending = false;
  for (const binding of bindings) {
    const sequence = sequenceOf(binding.keys);
    if (sequence.length < pressed.length) continue;
    if (!pressed.every((key, i) => sequence[i] === key)) continue;
    if (sequence.length === pressed.length) return { kind: 'run', binding };
    pending = true;
  }
  return pending ? { kind: 'pending' } : { kind: 'none' };
}

/** How long the second key of a sequence may wait; after that a key starts afresh. */
export const SEQUENCE_TIMEOUT_MS = 1500;

/**
 * Follows key presses over time: `press` answers the binding to run, if any. A key that neither ends
 * nor continues a sequence is tried again as the first of a new one, so `g g p` still means `g p`.
 */
export class ShortcutMatcher {
  #pressed: string[] = [];
  #lastAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly bindings: () => readonly ShortcutBinding[]) {}

  press(key: string, at: number): ShortcutBinding | null {
    if (at - this.#lastAt > SEQUENCE_TIMEOUT_MS) this.#pressed = [];
    this.#lastAt = at;
    for (const pressed of [[...this.#pressed, key], [key]]) {
      const result = matchKeys(this.bindings(), pressed);
      if (result.kind === 'run') {
        this.#pressed = [];
        return result.binding;
      }
      if (result.kind === 'pending') {
        this.#pressed = pressed;
        return null;
      }
    }
    this.#pressed = [];
    return null;
  }
}

/**
 * Whether a key press belongs to a text field rather than to the shortcuts: typing `n` in a label name
 * must not open the next task.
 */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['button', 'checkbox', 'radio', 'submit', 'reset', 'color', 'range'].includes(type);
}

/** The keys of a shortcut one by one, for the overlay to show as separate key caps. */
export function keyLabels(keys: string): string[] {
  return sequenceOf(keys);
}

/** KeyboardEvent.key as the shortcuts name it: the space bar is `Space`, since keys are space-separated. */
export function keyNameOf(eventKey: string): string {
  return eventKey === ' ' ? 'Space' : eventKey;
}
