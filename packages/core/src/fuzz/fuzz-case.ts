import { ImageReadError } from '../errors/image-read-error.js';
import type { CaseMonitor } from './case-monitor.js';

/** What a reader may spend on one input before the case fails. */
export interface CaseLimits {
  /** Wall time of one case; more is a failure (slow, or quadratic on hostile input). */
  readonly budgetMs: number;
  /** Wall time after which the watchdog calls it a hang and kills the process. */
  readonly hangMs: number;
  /** Memory a case may add: base + perByte × input size (peak resident, and array buffers still held). */
  readonly memoryBaseBytes: number;
  readonly memoryPerByte: number;
}

export const DEFAULT_LIMITS: CaseLimits = {
  budgetMs: 5_000,
  hangMs: 30_000,
  memoryBaseBytes: 64 * 2 ** 20,
  memoryPerByte: 20,
};

/** Cases per fuzzed file: VOXELHUB_FUZZ_RUNS, or `fallback` (small enough for `npm test`). */
export function fuzzRuns(fallback: number): number {
  const value = Number(globalThis.process?.env.VOXELHUB_FUZZ_RUNS);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

/** Fewer cases for files whose reading costs more: `runs` for up to 1 MiB of plain bytes, then in proportion. */
export function scaledRuns(runs: number, plainBytes: number): number {
  return Math.max(Math.min(runs, 5), Math.round(runs * Math.min(1, 2 ** 20 / plainBytes)));
}

/** VOXELHUB_FUZZ_SEED, or a fixed seed so that `npm test` is repeatable; the long run passes a new one. */
export function fuzzSeed(): number {
  const value = Number(globalThis.process?.env.VOXELHUB_FUZZ_SEED);
  return Number.isInteger(value) ? value : 20_260_101;
}

/** VOXELHUB_FUZZ_PATH: the fast-check path of a printed failure, to replay just that case (with its seed). */
export function fuzzReplayPath(): { path?: string } {
  const path = globalThis.process?.env.VOXELHUB_FUZZ_PATH;
  return path ? { path } : {};
}

/** A reader broke its contract on one input. The message says how; fast-check adds seed and path. */
export class ContractViolation extends Error {
  override readonly name = 'ContractViolation';
}

/** Only an ImageReadError with a message that names the file is an acceptable failure. */
export function checkFailure(error: unknown, file: string): void {
  if (!(error instanceof ImageReadError)) {
    const kind =
      error instanceof Error
        ? `${error.name}: ${error.message}`
        : `a thrown ${typeof error}: ${String(error)}`;
    const stack = error instanceof Error ? `\n${error.stack?.split('\n').slice(1, 6).join('\n')}` : '';
    throw new ContractViolation(`threw ${kind} instead of an ImageReadError${stack}`, { cause: error });
  }
  if (!error.detail.trim()) throw new ContractViolation(`ImageReadError ${error.code} has an empty message`);
  if (error.file !== file || !error.message.includes(file)) {
    throw new ContractViolation(`ImageReadError ${error.code} does not name the file: '${error.message}'`);
  }
}

export interface CaseOutcome {
  readonly error?: ImageReadError;
  readonly ms: number;
}

/**
 * Runs one case under the watchdog and checks it: success or an ImageReadError naming `file`, within the
 * time budget, and within memory proportional to `inputBytes` (peak resident and virtual memory as the
 * watchdog sampled them, and array buffers still held). `run` returns what it read; it is held until
 * memory is measured, so that a result out of proportion counts.
 */
export async function runCase(
  monitor: CaseMonitor,
  describe: string,
  file: string,
  inputBytes: number,
  run: () => Promise<unknown>,
  limits: CaseLimits = DEFAULT_LIMITS,
): Promise<CaseOutcome> {
  const before = process.memoryUsage();
  monitor.begin(limits.hangMs, describe, before.rss);
  const started = performance.now();
  let result: unknown;
  let thrown: { value: unknown } | undefined;
  try {
    result = await run();
  } catch (value) {
    thrown = { value };
  }
  const ms = performance.now() - started;
  const after = process.memoryUsage();
  const peak = monitor.end(after.rss);
  if (thrown) checkFailure(thrown.value, file);
  const error = thrown?.value as ImageReadError | undefined;
  const buffers = Math.max(0, after.arrayBuffers - before.arrayBuffers);
  const grew = Math.max(peak.residentBytes, peak.virtualBytes, buffers);
  const allowed = limits.memoryBaseBytes + limits.memoryPerByte * inputBytes;
  if (grew > allowed) {
    const mb = (n: number) => `${(n / 2 ** 20).toFixed(1)} MB`;
    throw new ContractViolation(
      `used ${mb(grew)} for a ${inputBytes}-byte input (allowed ${mb(allowed)}; peak resident +${mb(peak.residentBytes)}, ` +
        `peak virtual +${mb(peak.virtualBytes)}, array buffers held +${mb(buffers)})` +
        (error ? `, then failed: ${error.message}` : ''),
    );
  }
  if (ms > limits.budgetMs) {
    throw new ContractViolation(`took ${ms.toFixed(0)} ms (budget ${limits.budgetMs} ms)`);
  }
  void result;
  return error ? { error, ms } : { ms };
}
