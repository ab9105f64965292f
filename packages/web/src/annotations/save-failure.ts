import { ApiRequestError } from '../api/api-error.js';
import type { AnnotationHead } from './annotation-head.js';

/**
 * What a failed save means for the record:
 * - `conflict`: someone saved first (409); `current` is their head, from `error.details.current`;
 * - `retry`: the network or the server failed (status 0, 5xx, 408, 429); the same save is tried again;
 * - `rejected`: the server refused the save itself (400, 403, 404…); retrying cannot help, the user must act.
 */
export type SaveFailure =
  | { readonly kind: 'conflict'; readonly current: AnnotationHead; readonly message: string }
  | { readonly kind: 'retry'; readonly message: string }
  | { readonly kind: 'rejected'; readonly message: string };

function currentHeadOf(details: unknown): AnnotationHead | undefined {
  if (typeof details !== 'object' || details === null) return undefined;
  const current = (details as { current?: unknown }).current;
  if (typeof current !== 'object' || current === null) return undefined;
  const head = current as Partial<AnnotationHead>;
  return typeof head.id === 'string' && typeof head.revision === 'number'
    ? (current as AnnotationHead)
    : undefined;
}

export function classifySaveFailure(error: unknown): SaveFailure {
  const message = error instanceof Error ? error.message : String(error);
  if (!(error instanceof ApiRequestError)) return { kind: 'retry', message };
  if (error.status === 409) {
    const current = currentHeadOf(error.details);
    // A 409 without a head to compare with cannot be resolved here; treat it as a refusal.
    return current ? { kind: 'conflict', current, message } : { kind: 'rejected', message };
  }
  const transient = error.status === 0 || error.status >= 500 || error.status === 408 || error.status === 429;
  return { kind: transient ? 'retry' : 'rejected', message };
}
