import { call, landmark } from '@voxelhub/server/testing';
import { percentile } from './latency-percentiles.js';

export interface LatencyTarget {
  readonly url: string;
  readonly token: string;
  readonly projectId: string;
  readonly imageId: string;
  readonly labelId: string;
}

export interface LatencyOptions {
  readonly clients: number;
  /** How long the clients keep saving, after each has created its annotation. */
  readonly seconds: number;
  /** Time from the start of one save to the start of the next, per client (the web app's autosave). */
  readonly intervalMs: number;
}

export interface LatencyResult {
  readonly saves: number;
  readonly loads: number;
  readonly errors: number;
  readonly saveP50: number;
  readonly saveP99: number;
  readonly loadP50: number;
  readonly loadP99: number;
  /** Saves acknowledged per second over the run. */
  readonly savesPerSecond: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `clients` annotators each editing their own annotation: every `intervalMs` a client saves a new
 * revision (PUT with the revision it holds) and loads it back (GET), timing both from request to parsed
 * answer. Clients start at random offsets within the first interval, as people do, not in lockstep.
 */
export async function measureAnnotationLatency(
  target: LatencyTarget,
  options: LatencyOptions,
): Promise<LatencyResult> {
  const path = `/api/projects/${target.projectId}/annotations`;
  const saveTimes: number[] = [];
  const loadTimes: number[] = [];
  let errors = 0;
  const heads = await Promise.all(
    Array.from({ length: options.clients }, async (_, client) => {
      const payload = landmark(target.labelId, target.imageId, client, 0);
      const res = await call(target.url, target.token, 'POST', path, {
        labelId: target.labelId,
        imageId: target.imageId,
        payload,
      });
      if (res.status !== 201) throw new Error(`create answered ${res.status}: ${JSON.stringify(res.body)}`);
      return { id: res.body.annotation.id as string, revision: res.body.annotation.revision as number };
    }),
  );
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  await Promise.all(
    heads.map(async (head, client) => {
      await sleep(Math.random() * options.intervalMs);
      for (let x = 1; performance.now() < deadline; x++) {
        const cycle = performance.now();
        const save = await call(target.url, target.token, 'PUT', `${path}/${head.id}`, {
          baseRevision: head.revision,
          payload: landmark(target.labelId, target.imageId, client, x),
        });
        const saved = performance.now();
        if (save.status !== 200) {
          errors += 1;
          continue;
        }
        saveTimes.push(saved - cycle);
        head.revision = save.body.annotation.revision;
        const load = await call(target.url, target.token, 'GET', `${path}/${head.id}`);
        if (load.status === 200) loadTimes.push(performance.now() - saved);
        else errors += 1;
        await sleep(options.intervalMs - (performance.now() - cycle));
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return {
    saves: saveTimes.length,
    loads: loadTimes.length,
    errors,
    saveP50: percentile(saveTimes, 50),
    saveP99: percentile(saveTimes, 99),
    loadP50: percentile(loadTimes, 50),
    loadP99: percentile(loadTimes, 99),
    savesPerSecond: saveTimes.length / elapsed,
  };
}
