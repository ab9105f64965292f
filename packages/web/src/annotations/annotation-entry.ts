import type { AnnotationPayload } from '@voxelhub/core/annotation';
import type { AnnotationHead, AnnotationTarget } from './annotation-head.js';

/** What the user sees of an annotation: its label, its payload, and whether they deleted it. */
export interface AnnotationContent {
  readonly labelId: string;
  readonly payload: AnnotationPayload;
  readonly deleted: boolean;
}

/**
 * Where a record stands with the server:
 * - `saved`: the server holds exactly this content;
 * - `pending`: edited, the debounced save has not started;
 * - `saving`: a request is under way;
 * - `unsaved`: a save failed on the network or the server (5xx) and will be retried;
 * - `conflict`: someone else saved first; waits for keep mine / take theirs / merge;
 * - `rejected`: the server refused the content (400/403/404); kept until the user retries or discards.
 */
export type SaveStatus = 'saved' | 'pending' | 'saving' | 'unsaved' | 'conflict' | 'rejected';

export interface AnnotationConflict {
  /** The local content (it follows further local edits while the conflict is open). */
  readonly mine: AnnotationContent;
  /** The server's head, from the 409's `error.details.current`. */
  readonly theirs: AnnotationHead;
}

/** One annotation as the store holds it; replaced (never mutated) on every change. */
export interface AnnotationEntry {
  /** Local key: the server id for loaded annotations, a client UUID for new ones (kept after creation). */
  readonly key: string;
  /** The server's id once created; null while the create has not succeeded. */
  readonly serverId: string | null;
  /** The server revision the local content is based on (the baseRevision of the next save). */
  readonly revision: number | null;
  /** Whether that revision is a tombstone (then an undelete goes through the restore route). */
  readonly serverDeleted: boolean;
  readonly target: AnnotationTarget;
  readonly content: AnnotationContent;
  readonly status: SaveStatus;
  readonly conflict: AnnotationConflict | null;
  /** The last failure, for the indicator's tooltip; null once saved. */
  readonly error: string | null;
}

export function contentOfHead(head: AnnotationHead): AnnotationContent {
  return { labelId: head.labelId, payload: head.payload, deleted: head.deleted };
}

/** Same label, same deletion state and equal payloads (a deleted record's payload does not matter). */
export function sameContent(a: AnnotationContent, b: AnnotationContent): boolean {
  return a.labelId === b.labelId && a.deleted === b.deleted && (a.deleted || sameJson(a.payload, b.payload));
}

/** Deep equality of JSON values, whatever the key order (the server returns keys in schema order). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((v, i) => sameJson(v, other[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left).filter((k) => left[k] !== undefined);
  const otherKeys = Object.keys(right).filter((k) => right[k] !== undefined);
  return keys.length === otherKeys.length && keys.every((k) => sameJson(left[k], right[k]));
}

/**
 * Content with one label: the server refuses a payload whose labelId is not the annotation's label, so a
 * label change rewrites the payload's labelId too.
 */
export function labelledContent(
  labelId: string,
  payload: AnnotationPayload,
  deleted: boolean,
): AnnotationContent {
  return { labelId, payload: payload.labelId === labelId ? payload : { ...payload, labelId }, deleted };
}
