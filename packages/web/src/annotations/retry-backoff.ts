export interface RetryBackoff {
  /** Delay before the first retry. */
  readonly initialMs: number;
  /** Longest delay between retries: saves keep being retried for as long as the page is open. */
  readonly maxMs: number;
}

export const DEFAULT_RETRY_BACKOFF: RetryBackoff = { initialMs: 1000, maxMs: 30_000 };

/** Exponential: initial, 2×, 4×… capped at maxMs; `attempt` counts failures so far (1 after the first). */
export function retryDelayMs(backoff: RetryBackoff, attempt: number): number {
  return Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.max(0, attempt - 1));
}
