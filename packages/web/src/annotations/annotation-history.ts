import type { AnnotationPayload } from '@voxelhub/core/annotation';
import type { AnnotationContent } from './annotation-entry.js';
import type { AnnotationTarget } from './annotation-head.js';
import type { AnnotationStore } from './annotation-store.js';

/** One annotation's content before and after a change; a create starts from (and undoes to) deleted. */
interface ContentChange {
  readonly key: string;
  readonly before: AnnotationContent;
  readonly after: AnnotationContent;
}

/** One undo step: every change of one user action (or of one transact), applied and undone together. */
interface HistoryStep {
  readonly changes: ContentChange[];
  /** Consecutive updates with the same mergeKey (one drag of a handle) join this step. */
  readonly mergeKey: string | null;
}

export interface AnnotationHistoryOptions {
  /** Steps kept for undo; the oldest is forgotten first. */
  readonly limit?: number;
}

/**
 * Undo and redo over the annotation store. Edits go through the history (create, update, delete), which
 * applies them to the store and records each annotation's content before and after; undo and redo put
 * contents back with store.setContent, so they are saved like any edit. Undoing a delete revives the
 * same annotation: the save engine sees a server tombstone and calls the restore route (then PUTs if the
 * content differs), so the annotation keeps its id, its revision history and the reviews that name it;
 * re-creating it would make a new annotation and orphan them. A new edit clears the redo stack.
 */
export class AnnotationHistory {
  readonly #store: AnnotationStore;
  readonly #limit: number;
  #undo: HistoryStep[] = [];
  #redo: HistoryStep[] = [];
  /** Changes collected by an open transact(); null when none is open. */
  #group: ContentChange[] | null = null;

  constructor(store: AnnotationStore, options: AnnotationHistoryOptions = {}) {
    this.#store = store;
    this.#limit = options.limit ?? 100;
  }

  get canUndo(): boolean {
    return this.#undo.length > 0;
  }

  get canRedo(): boolean {
    return this.#redo.length > 0;
  }

  get undoDepth(): number {
    return this.#undo.length;
  }

  create(input: {
    readonly target: AnnotationTarget;
    readonly labelId: string;
    readonly payload: AnnotationPayload;
    readonly key?: string;
  }): string {
    const key = this.#store.create(input);
    const after = this.#store.get(key)!.content;
    this.#record({ key, before: { ...after, deleted: true }, after }, null);
    return key;
  }

  /** `mergeKey`: consecutive updates that share it (the moves of one drag) make one undo step. */
  update(
    key: string,
    change: { readonly payload?: AnnotationPayload; readonly labelId?: string },
    options: { readonly mergeKey?: string } = {},
  ): void {
    const before = this.#content(key);
    this.#store.update(key, change);
    this.#record({ key, before, after: this.#content(key) }, options.mergeKey ?? null);
  }

  delete(key: string): void {
    const before = this.#content(key);
    if (before.deleted) return;
    this.#store.delete(key);
    this.#record({ key, before, after: this.#content(key) }, null);
  }

  /** Runs `edit`; every change it makes through this history is one undo step (e.g. delete a selection). */
  transact(edit: () => void): void {
    if (this.#group) {
      edit(); // nested: part of the outer step
      return;
    }
    const group: ContentChange[] = [];
    this.#group = group;
    try {
      edit();
    } finally {
      this.#group = null;
      if (group.length > 0) this.#push({ changes: group, mergeKey: null });
    }
  }

  undo(): boolean {
    const step = this.#undo.pop();
    if (!step) return false;
    for (const change of [...step.changes].reverse()) this.#store.setContent(change.key, change.before);
    this.#redo.push(step);
    return true;
  }

  redo(): boolean {
    const step = this.#redo.pop();
    if (!step) return false;
    for (const change of step.changes) this.#store.setContent(change.key, change.after);
    this.#undo.push(step);
    return true;
  }

  clear(): void {
    this.#undo = [];
    this.#redo = [];
  }

  #content(key: string): AnnotationContent {
    const entry = this.#store.get(key);
    if (!entry) throw new Error(`no annotation ${key} in the store`);
    return entry.content;
  }

  #record(change: ContentChange, mergeKey: string | null): void {
    if (this.#group) {
      this.#group.push(change);
      return;
    }
    const last = this.#undo.at(-1);
    const only = last?.changes.length === 1 ? last.changes[0] : undefined;
    if (
      mergeKey !== null &&
      last?.mergeKey === mergeKey &&
      only?.key === change.key &&
      this.#redo.length === 0
    ) {
      this.#undo[this.#undo.length - 1] = { mergeKey, changes: [{ ...only, after: change.after }] };
      return;
    }
    this.#push({ changes: [change], mergeKey });
  }

  #push(step: HistoryStep): void {
    this.#undo.push(step);
    if (this.#undo.length > this.#limit) this.#undo.splice(0, this.#undo.length - this.#limit);
    this.#redo = [];
  }
}
