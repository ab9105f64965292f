import type { AnnotationEntry } from './annotation-entry.js';
import type { AnnotationStore } from './annotation-store.js';

/** The part of the store the list reads (the real store in the app; kept narrow for what it needs). */
export type AttentionSource = Pick<AnnotationStore, 'get' | 'subscribe' | 'getSnapshot'>;

/**
 * The entries waiting for the user: in conflict, or refused by the server. The snapshot's `entries` leave
 * out annotations deleted here, yet a delete can meet someone else's edit (a conflict) or be refused, and
 * the user must still see and settle it; so the list remembers every key the store has shown or changed
 * and asks the store for each. Call `follow()` while mounted, before anything can be deleted.
 */
export class AttentionList {
  readonly #keys = new Set<string>();

  constructor(private readonly store: AttentionSource) {}

  /** Starts noting the keys of changed records; returns the function that stops it. */
  follow(): () => void {
    return this.store.subscribe((change) => this.#keys.add(change.key));
  }

  /** Conflicted and refused entries, in the order the store first showed them. */
  entries(): AnnotationEntry[] {
    for (const entry of this.store.getSnapshot().entries) this.#keys.add(entry.key);
    const waiting: AnnotationEntry[] = [];
    for (const key of this.#keys) {
      const entry = this.store.get(key);
      if (entry?.status === 'conflict' || entry?.status === 'rejected') waiting.push(entry);
    }
    return waiting;
  }
}
