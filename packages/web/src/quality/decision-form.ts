import { ApiRequestError } from '../api/api-error.js';
import type { Decision } from './quality-api.js';

/** The contract's limit on a send-back comment. */
export const MAX_COMMENT_LENGTH = 2000;

export type SendBackCheck =
  | { readonly ok: true; readonly decision: Extract<Decision, { action: 'send-back' }> }
  | { readonly ok: false; readonly problem: string };

/**
 * A send-back as the form holds it → the request body, or what is wrong. The comment is required (readers
 * must learn why); readerIds is left out when every reader is chosen, the server's default.
 */
export function sendBackDecision(
  comment: string,
  chosen: readonly string[],
  allReaders: readonly string[],
): SendBackCheck {
  const text = comment.trim();
  if (text.length === 0) return { ok: false, problem: 'Write what the readers should change.' };
  if (text.length > MAX_COMMENT_LENGTH)
    return { ok: false, problem: `The comment is ${text.length} characters; at most ${MAX_COMMENT_LENGTH}.` };
  const readerIds = allReaders.filter((id) => chosen.includes(id));
  if (readerIds.length === 0) return { ok: false, problem: 'Choose at least one reader to send it back to.' };
  const everyone = readerIds.length === allReaders.length;
  return { ok: true, decision: { action: 'send-back', comment: text, ...(everyone ? {} : { readerIds }) } };
}

/**
 * What to tell the reviewer when a decision fails. 409 is the one they can act on: the item moved on
 * (another reviewer decided, or it was sent back) while this screen was open.
 */
export function decisionErrorMessage(error: unknown): string {
  if (error instanceof ApiRequestError) {
    if (error.status === 409)
      return 'This item changed since you opened it (another decision, or it is no longer disputed). Reload it to see where it stands.';
    if (error.status === 403) return 'You may not review items in this project.';
    if (error.status === 404) return 'This item no longer exists.';
    if (error.status === 0) return `The server cannot be reached; nothing was decided. (${error.message})`;
    return `${error.message} (${error.code})`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Whether the failure means the screen shows stale data and should offer to reload. */
export function isStale(error: unknown): boolean {
  return error instanceof ApiRequestError && error.status === 409;
}
