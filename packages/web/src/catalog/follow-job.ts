import { api } from '../api/api-client.js';

export interface JobFollower {
  progress(done: number, total: number | null): void;
  /** The job ended (done or failed): its view as GET finalUrl answers it (or its last event, failing that). */
  end(job: unknown): void;
  /** The job could not be followed any more (it was deleted, or the server cannot be reached). */
  lost(reason: string): void;
}

const POLL_MS = 1000;

export interface JobAddresses {
  /** Server-Sent Events: `progress`, then `done` or `failed`. */
  readonly eventsUrl: string;
  /** The job's state and progress, polled should the event stream close for good. */
  readonly statusUrl: string;
  /** Read once at the end for the final view (a dataset import's report); default statusUrl. */
  readonly finalUrl?: string;
}

/**
 * Follows a job to its end: its Server-Sent Events (progress, then `done` or `failed`), then one read of
 * its final view (the report). Should the event stream close for good, the status is polled instead.
 * The returned function stops following.
 */
export function followJob(addresses: JobAddresses, follower: JobFollower): () => void {
  const { eventsUrl, statusUrl } = addresses;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const source = new EventSource(eventsUrl);
  const stop = () => {
    stopped = true;
    source.close();
    if (timer) clearTimeout(timer);
  };
  const finish = async (fromEvent: unknown) => {
    stop();
    try {
      follower.end(await api.get<unknown>(addresses.finalUrl ?? statusUrl));
    } catch {
      // The last event carries the same view; the status read is only the authoritative copy.
      follower.end(fromEvent);
    }
  };
  const poll = async () => {
    if (stopped) return;
    try {
      const job = await api.get<{ state?: string; progress?: { done: number; total: number | null } }>(
        statusUrl,
      );
      if (job.state === 'done' || job.state === 'failed') return void finish(job);
      if (job.progress) follower.progress(job.progress.done, job.progress.total);
      timer = setTimeout(() => void poll(), POLL_MS);
    } catch (error) {
      stop();
      follower.lost(error instanceof Error ? error.message : String(error));
    }
  };
  source.addEventListener('progress', (event) => {
    const data = JSON.parse((event as MessageEvent<string>).data) as { done: number; total: number | null };
    follower.progress(data.done, data.total);
  });
  for (const state of ['done', 'failed'])
    source.addEventListener(state, (event) => {
      void finish(JSON.parse((event as MessageEvent<string>).data) as unknown);
    });
  source.onerror = () => {
    // The browser reconnects a dropped stream by itself; a stream it gave up on (CLOSED) is polled.
    if (source.readyState === EventSource.CLOSED && !stopped) {
      source.close();
      void poll();
    }
  };
  return stop;
}
