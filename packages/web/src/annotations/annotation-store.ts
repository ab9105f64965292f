import type { AnnotationPayload } from '@voxelhub/core/annotation';
import {
  type AnnotationContent,
  type AnnotationEntry,
  contentOfHead,
  labelledContent,
  type SaveStatus,
  sameContent,
} from './annotation-entry.js';
import { type AnnotationHead, type AnnotationTarget, targetOfHead } from './annotation-head.js';
import type { AnnotationTransport } from './annotation-transport.js';
import { DEFAULT_RETRY_BACKOFF, type RetryBackoff, retryDelayMs } from './retry-backoff.js';
import { classifySaveFailure } from './save-failure.js';
import { type SaveSummary, summarizeSaves } from './save-summary.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type TimerHandle = ReturnType<typeof setTimeout>;

const MAX_LOST_WRITES = 32;

export interface AnnotationStoreOptions {
  readonly transport: AnnotationTransport;
  /** Quiet time after the last edit of an annotation before it is saved. */
  readonly debounceMs?: number;
  readonly retry?: RetryBackoff;
  readonly newKey?: () => string;
}

/** `local`: an edit here (including undo); `server`: content the server sent (load, take theirs). */
export interface StoreChange {
  readonly key: string;
  readonly source: 'local' | 'server';
}

export type ConflictResolution =
  | { readonly kind: 'keepMine' }
  | { readonly kind: 'takeTheirs' }
  | { readonly kind: 'merge'; readonly payload: AnnotationPayload; readonly labelId?: string };

export interface StoreSnapshot {
  /** Annotations not deleted locally, in insertion order. */
  readonly entries: readonly AnnotationEntry[];
  readonly summary: SaveSummary;
}

/** The bookkeeping behind one entry; `entry` is what readers see. */
interface Slot {
  entry: AnnotationEntry;
  /** Content at `entry.revision` on the server (null before the create succeeded). */
  base: AnnotationContent | null;
  /** Bumped by every local change; a save acknowledges the version it sent. */
  editVersion: number;
  savedVersion: number;
  timer: TimerHandle | null;
  inFlight: Promise<void> | null;
  failures: number;
  /**
   * Contents sent since the last answered request whose answer never came: the server may have applied
   * any of them without our knowing, so a 409 showing one of them is our own write, not someone else's.
   */
  lostWrites: AnnotationContent[];
  /** A create was sent and its answer never came: the server may hold the annotation under our key. */
  createUnanswered: boolean;
}

/**
 * The annotations of one viewer session and their automatic saving. Edits apply locally at once and mark
 * the record dirty; after `debounceMs` of quiet the record is saved: POST when new, PUT with baseRevision,
 * DELETE with baseRevision, or restore-then-PUT to undelete. One request per record at a time, so a delete
 * made while its create is in flight is sent after the create, on the revision it returned. Network and
 * server failures are retried with backoff and the content stays in the store; a 409 parks the record in
 * `conflict` with both versions until resolveConflict. Nothing is dropped until the server holds it.
 */
export class AnnotationStore {
  readonly #transport: AnnotationTransport;
  readonly #debounceMs: number;
  readonly #retry: RetryBackoff;
  readonly #newKey: () => string;
  readonly #slots = new Map<string, Slot>();
  readonly #listeners = new Set<(change: StoreChange) => void>();
  #snapshot: StoreSnapshot | null = null;
  #disposed = false;

  constructor(options: AnnotationStoreOptions) {
    this.#transport = options.transport;
    this.#debounceMs = options.debounceMs ?? 800;
    this.#retry = options.retry ?? DEFAULT_RETRY_BACKOFF;
    this.#newKey = options.newKey ?? (() => crypto.randomUUID());
  }

  // ---- reading -------------------------------------------------------------------------------------------

  get(key: string): AnnotationEntry | undefined {
    return this.#slots.get(key)?.entry;
  }

  /** The entry whose server id is `serverId` (its key differs when it was created in this session). */
  findByServerId(serverId: string): AnnotationEntry | undefined {
    for (const slot of this.#slots.values()) if (slot.entry.serverId === serverId) return slot.entry;
    return undefined;
  }

  /** A stable object until the next change (for React's useSyncExternalStore). */
  getSnapshot(): StoreSnapshot {
    if (!this.#snapshot) {
      const all = [...this.#slots.values()].map((s) => s.entry);
      this.#snapshot = {
        entries: all.filter((e) => !e.content.deleted),
        summary: summarizeSaves(all),
      };
    }
    return this.#snapshot;
  }

  subscribe(listener: (change: StoreChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  // ---- loading ---------------------------------------------------------------------------------------------

  /**
   * Adds annotations read from the server (GET annotations). A record with local changes keeps them: its
   * next save names its own base, and the server answers 409 if that base is stale.
   */
  load(heads: readonly AnnotationHead[]): void {
    for (const head of heads) {
      const existing = this.findByServerId(head.id);
      const slot = existing && this.#slots.get(existing.key)!;
      if (slot && (this.#isDirty(slot) || slot.inFlight || slot.entry.status !== 'saved')) continue;
      const key = existing?.key ?? head.id;
      const content = contentOfHead(head);
      this.#slots.set(key, {
        entry: {
          key,
          serverId: head.id,
          revision: head.revision,
          serverDeleted: head.deleted,
          target: targetOfHead(head),
          content,
          status: 'saved',
          conflict: null,
          error: null,
        },
        base: content,
        editVersion: 0,
        savedVersion: 0,
        timer: null,
        inFlight: null,
        failures: 0,
        lostWrites: [],
        createUnanswered: false,
      });
      this.#emit(key, 'server');
    }
  }

  // ---- editing ---------------------------------------------------------------------------------------------

  /** A new annotation, saved (POST) after the debounce; returns its key. */
  create(input: {
    readonly target: AnnotationTarget;
    readonly labelId: string;
    readonly payload: AnnotationPayload;
    readonly key?: string;
  }): string {
    const key = input.key ?? this.#newKey();
    if (this.#slots.has(key)) throw new Error(`annotation ${key} already exists`);
    this.#slots.set(key, {
      entry: {
        key,
        serverId: null,
        revision: null,
        serverDeleted: false,
        target: input.target,
        content: labelledContent(input.labelId, input.payload, false),
        status: 'pending',
        conflict: null,
        error: null,
      },
      base: null,
      editVersion: 1,
      savedVersion: 0,
      timer: null,
      inFlight: null,
      failures: 0,
      lostWrites: [],
      createUnanswered: false,
    });
    this.#scheduleSave(this.#slots.get(key)!, this.#debounceMs);
    this.#emit(key, 'local');
    return key;
  }

  /** Changes the payload and/or the label; also revives a deleted record (undo of a delete). */
  update(key: string, change: { readonly payload?: AnnotationPayload; readonly labelId?: string }): void {
    const slot = this.#slot(key);
    const { content } = slot.entry;
    const labelId = change.labelId ?? change.payload?.labelId ?? content.labelId;
    this.#edit(slot, labelledContent(labelId, change.payload ?? content.payload, false));
  }

  delete(key: string): void {
    const slot = this.#slot(key);
    this.#edit(slot, { ...slot.entry.content, deleted: true });
  }

  /** Sets the whole content (what undo and redo restore). */
  setContent(key: string, content: AnnotationContent): void {
    this.#edit(this.#slot(key), content);
  }

  // ---- conflicts and failures ------------------------------------------------------------------------------

  resolveConflict(key: string, resolution: ConflictResolution): void {
    const slot = this.#slot(key);
    const theirs = slot.entry.conflict?.theirs;
    if (!theirs) throw new Error(`annotation ${key} has no conflict to resolve`);
    slot.base = contentOfHead(theirs);
    const onTheirs = { revision: theirs.revision, serverDeleted: theirs.deleted, conflict: null };
    if (resolution.kind === 'takeTheirs') {
      slot.editVersion++;
      slot.savedVersion = slot.editVersion;
      this.#set(slot, { ...onTheirs, content: slot.base, status: 'saved', error: null }, 'server');
      return;
    }
    const mine = slot.entry.content;
    const content =
      resolution.kind === 'keepMine'
        ? mine
        : labelledContent(resolution.labelId ?? mine.labelId, resolution.payload, false);
    slot.editVersion++;
    this.#set(slot, { ...onTheirs, content, status: 'pending', error: null }, 'local');
    this.#scheduleSave(slot, 0);
  }

  /** Tries a rejected (or waiting) save again now. */
  retry(key: string): void {
    const slot = this.#slot(key);
    if (!this.#isDirty(slot) || slot.entry.status === 'conflict') return;
    this.#set(slot, { status: 'pending' }, 'local');
    this.#scheduleSave(slot, 0);
  }

  /** Drops local changes: back to the server's content, or gone if the server never had it. */
  discardLocalChanges(key: string): void {
    const slot = this.#slot(key);
    if (slot.entry.conflict) {
      this.resolveConflict(key, { kind: 'takeTheirs' });
      return;
    }
    if (slot.inFlight) throw new Error(`annotation ${key} is being saved`);
    this.#clearTimer(slot);
    slot.editVersion++;
    slot.savedVersion = slot.editVersion;
    if (!slot.base) {
      this.#set(slot, { content: { ...slot.entry.content, deleted: true }, status: 'saved' }, 'server');
      return;
    }
    this.#set(slot, { content: slot.base, status: 'saved', conflict: null, error: null }, 'server');
  }

  /** Back online (the browser's `online` event): retry every waiting save now instead of after backoff. */
  retryNow(): void {
    for (const slot of this.#slots.values()) {
      if (slot.entry.status === 'unsaved' || slot.entry.status === 'pending') this.#scheduleSave(slot, 0);
    }
  }

  /** Starts every pending save now; resolves when no request is under way (failures stay in the store). */
  async flush(): Promise<void> {
    for (const slot of this.#slots.values()) {
      if (slot.entry.status === 'pending' || slot.entry.status === 'unsaved') {
        this.#clearTimer(slot);
        this.#startSave(slot);
      }
    }
    for (;;) {
      const flying = [...this.#slots.values()].flatMap((s) => (s.inFlight ? [s.inFlight] : []));
      if (flying.length === 0) return;
      await Promise.all(flying);
    }
  }

  /** Stops timers; requests under way finish but start nothing new. */
  dispose(): void {
    this.#disposed = true;
    for (const slot of this.#slots.values()) this.#clearTimer(slot);
  }

  // ---- the save engine -------------------------------------------------------------------------------------

  #edit(slot: Slot, content: AnnotationContent): void {
    slot.editVersion++;
    const status: SaveStatus = slot.entry.status === 'conflict' ? 'conflict' : 'pending';
    const conflict = slot.entry.conflict && { ...slot.entry.conflict, mine: content };
    this.#set(slot, { content, status, conflict }, 'local');
    if (status === 'pending') this.#scheduleSave(slot, this.#debounceMs);
  }

  #isDirty(slot: Slot): boolean {
    return slot.editVersion > slot.savedVersion;
  }

  #scheduleSave(slot: Slot, delayMs: number): void {
    this.#clearTimer(slot);
    if (this.#disposed) return;
    slot.timer = setTimeout(() => {
      slot.timer = null;
      this.#startSave(slot);
    }, delayMs);
  }

  #clearTimer(slot: Slot): void {
    if (slot.timer !== null) clearTimeout(slot.timer);
    slot.timer = null;
  }

  /** Runs one request for the slot unless one is under way (its completion starts the next). */
  #startSave(slot: Slot): void {
    if (slot.inFlight || this.#disposed) return;
    if (slot.entry.status === 'conflict' || slot.entry.status === 'rejected') return;
    if (!this.#isDirty(slot)) {
      if (slot.entry.status !== 'saved') this.#set(slot, { status: 'saved', error: null }, 'local');
      return;
    }
    this.#set(slot, { status: 'saving' }, 'local');
    slot.inFlight = this.#saveOnce(slot).finally(() => {
      slot.inFlight = null;
      this.#afterSave(slot);
    });
  }

  #afterSave(slot: Slot): void {
    const { status } = slot.entry;
    if (status !== 'saving' && status !== 'pending') return; // failed, conflicted or rejected: handled
    if (!this.#isDirty(slot)) {
      this.#set(slot, { status: 'saved', error: null }, 'local');
    } else if (slot.timer === null) {
      // Edited while the request was under way and no debounce is waiting (it ran out, or flush cleared
      // it), or a restore that the edit itself must follow: save again now.
      if (status === 'saving') this.#set(slot, { status: 'pending' }, 'local');
      this.#startSave(slot);
    } else if (status === 'saving') {
      this.#set(slot, { status: 'pending' }, 'local');
    }
  }

  async #saveOnce(slot: Slot): Promise<void> {
    const sentVersion = slot.editVersion;
    const { entry } = slot;
    const mine = entry.content;
    const own = (head: AnnotationHead) => this.#acknowledge(slot, head, sentVersion);
    try {
      if (entry.serverId === null || entry.revision === null) {
        const target = entry.target;
        // The local key doubles as the server id when it is a UUID, so a create resent after a lost
        // answer finds the annotation it made instead of making a second one.
        const id = UUID.test(entry.key) ? { id: entry.key } : {};
        // Created and deleted before the server heard of it — unless a create went out unanswered: then
        // it is resent (finding what it made, if anything), and the delete follows on its revision.
        if (mine.deleted && !(slot.createUnanswered && 'id' in id)) {
          slot.savedVersion = sentVersion;
          return;
        }
        slot.createUnanswered = true;
        const created = await this.#transport.create({
          ...id,
          ...target,
          labelId: mine.labelId,
          payload: mine.payload,
        });
        slot.createUnanswered = false;
        // A resent create answers with the annotation the first one made, with the content of then:
        // take its id and revision, and save what is here now on top of it.
        if (sameContent(contentOfHead(created), mine)) own(created);
        else this.#adoptHead(slot, created);
      } else if (mine.deleted) {
        if (!entry.serverDeleted) await this.#transport.remove(entry.serverId, entry.revision);
        this.#acknowledgeDelete(slot, sentVersion);
      } else if (entry.serverDeleted) {
        await this.#undelete(slot, entry.serverId, entry.revision, sentVersion);
        return;
      } else {
        const input = { baseRevision: entry.revision, labelId: mine.labelId, payload: mine.payload };
        own(await this.#transport.update(entry.serverId, input));
      }
      slot.failures = 0;
    } catch (error) {
      this.#onFailure(slot, error, mine, own);
    }
  }

  /**
   * Restores the tombstone (it keeps the last payload); the caller's loop then PUTs the local content if it
   * differs. A restore changes the head but is not the edit itself, so it acknowledges no edit unless the
   * restored content is already what the user has.
   */
  async #undelete(slot: Slot, serverId: string, revision: number, sentVersion: number): Promise<void> {
    const restored = { ...(slot.base ?? slot.entry.content), deleted: false };
    const onRestored = (head: AnnotationHead) => {
      slot.lostWrites = [];
      slot.base = contentOfHead(head);
      this.#set(slot, { revision: head.revision, serverDeleted: false }, 'local');
      if (sameContent(slot.base, slot.entry.content)) slot.savedVersion = sentVersion;
    };
    try {
      onRestored(await this.#transport.restore(serverId, revision, revision));
      slot.failures = 0;
    } catch (error) {
      this.#onFailure(slot, error, restored, onRestored);
    }
  }

  #acknowledge(slot: Slot, head: AnnotationHead, sentVersion: number): void {
    slot.lostWrites = [];
    slot.base = contentOfHead(head);
    slot.savedVersion = sentVersion;
    this.#set(slot, { serverId: head.id, revision: head.revision, serverDeleted: head.deleted }, 'local');
  }

  /** Knows the server's annotation for the slot without counting the local content as saved. */
  #adoptHead(slot: Slot, head: AnnotationHead): void {
    slot.lostWrites = [];
    slot.base = contentOfHead(head);
    this.#set(slot, { serverId: head.id, revision: head.revision, serverDeleted: head.deleted }, 'local');
  }

  #acknowledgeDelete(slot: Slot, sentVersion: number): void {
    const revision = slot.entry.serverDeleted ? slot.entry.revision : (slot.entry.revision ?? 0) + 1;
    slot.lostWrites = [];
    slot.base = { ...slot.entry.content, deleted: true };
    slot.savedVersion = sentVersion;
    this.#set(slot, { revision, serverDeleted: true }, 'local');
  }

  /**
   * `expected` is what the server would hold had the request been applied: a 409 whose head holds exactly
   * that is our own write whose answer was lost on the way back, and `own` takes it as the answer.
   */
  #onFailure(
    slot: Slot,
    error: unknown,
    expected: AnnotationContent,
    own: (head: AnnotationHead) => void,
  ): void {
    const failure = classifySaveFailure(error);
    if (failure.kind === 'conflict') {
      const theirs = failure.current;
      slot.failures = 0;
      if (sameContent(contentOfHead(theirs), expected)) {
        slot.lostWrites = [];
        own(theirs);
        return;
      }
      if (slot.lostWrites.some((lost) => sameContent(contentOfHead(theirs), lost))) {
        // An earlier request of ours was applied after all: that head is our base, not someone else's edit.
        slot.lostWrites = [];
        slot.base = contentOfHead(theirs);
        const onTheirs = { revision: theirs.revision, serverDeleted: theirs.deleted };
        this.#set(slot, { ...onTheirs, status: 'pending' }, 'local');
        this.#scheduleSave(slot, 0);
        return;
      }
      const conflict = { mine: slot.entry.content, theirs };
      this.#set(slot, { status: 'conflict', conflict, error: failure.message }, 'local');
    } else if (failure.kind === 'rejected') {
      this.#set(slot, { status: 'rejected', error: failure.message }, 'local');
    } else {
      slot.failures++;
      // Bounded: a long offline session must not keep every intermediate contour in memory.
      slot.lostWrites = [...slot.lostWrites.slice(-(MAX_LOST_WRITES - 1)), expected];
      this.#set(slot, { status: 'unsaved', error: failure.message }, 'local');
      this.#scheduleSave(slot, retryDelayMs(this.#retry, slot.failures));
    }
  }

  // ---- plumbing --------------------------------------------------------------------------------------------

  #slot(key: string): Slot {
    const slot = this.#slots.get(key);
    if (!slot) throw new Error(`no annotation ${key} in the store`);
    return slot;
  }

  #set(slot: Slot, change: Partial<Omit<AnnotationEntry, 'key'>>, source: StoreChange['source']): void {
    slot.entry = { ...slot.entry, ...change };
    this.#emit(slot.entry.key, source);
  }

  #emit(key: string, source: StoreChange['source']): void {
    this.#snapshot = null;
    for (const listener of this.#listeners) listener({ key, source });
  }
}
