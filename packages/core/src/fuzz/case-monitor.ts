/**
 * Watches fuzz cases for hangs and memory. A case that loops forever in synchronous code (a parser, a
 * wasm codec) blocks the event loop, so no timer in the test can fire: the watchdog runs in a worker
 * thread instead, sees through shared memory which case is running and since when, and kills the process
 * after printing the case when it overruns (the test run then fails with the case on stderr).
 *
 * The same thread samples the process's memory every few milliseconds, so that a case's peak counts, not
 * only what it still holds at the end: resident memory (pages touched), and on Linux virtual memory,
 * which also shows a large zero-filled buffer that is allocated, never touched and dropped before the
 * case ends (the typical "allocate what the header says" bug). Codecs reserve their wasm address space
 * when first loaded: load them before measuring.
 *
 * Node-free on purpose (this folder is under the no-`node:*` rule): the test creates the worker with
 * `new Worker(WATCHDOG_SOURCE, { eval: true, workerData: monitor.shared })`.
 */

// Int32 slots.
const RUNNING = 0;
const STOP = 1;
const TEXT_LENGTH = 2;
const SAMPLES = 3;
// Float64 slots (after the Int32 block).
const STARTED_MS = 0;
const BUDGET_MS = 1;
const PEAK_RSS = 2;
const VIRTUAL = 3;
const PEAK_VIRTUAL = 4;

const INT_SLOTS = 4;
const FLOAT_SLOTS = 5;
const TEXT_BYTES = 64 * 1024;

/**
 * The watchdog, as CommonJS source for `new Worker(source, { eval: true, workerData })` with workerData
 * `monitor.shared`, or `{ shared, kill: false }` to post the report to the parent instead of killing
 * (for testing the watchdog itself).
 */
export const WATCHDOG_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const { readFileSync, writeSync } = require('node:fs');
const shared = workerData.shared ?? workerData;
const kill = workerData.kill !== false;
const ints = new Int32Array(shared, 0, ${INT_SLOTS});
const floats = new Float64Array(shared, ${INT_SLOTS * 4}, ${FLOAT_SLOTS});
const text = new Uint8Array(shared, ${INT_SLOTS * 4 + FLOAT_SLOTS * 8});
function virtualBytes() {
  try {
    const match = /VmSize:\\s*(\\d+) kB/.exec(readFileSync('/proc/self/status', 'latin1'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}
for (;;) {
  Atomics.wait(ints, ${STOP}, 0, 3);
  if (Atomics.load(ints, ${STOP}) !== 0) break;
  const rss = process.memoryUsage.rss();
  if (rss > floats[${PEAK_RSS}]) floats[${PEAK_RSS}] = rss;
  const vm = virtualBytes();
  floats[${VIRTUAL}] = vm;
  if (vm > floats[${PEAK_VIRTUAL}]) floats[${PEAK_VIRTUAL}] = vm;
  Atomics.add(ints, ${SAMPLES}, 1);
  const elapsed = Date.now() - floats[${STARTED_MS}];
  if (Atomics.load(ints, ${RUNNING}) === 1 && elapsed > floats[${BUDGET_MS}]) {
    const what = new TextDecoder().decode(text.slice(0, Atomics.load(ints, ${TEXT_LENGTH})));
    const report = 'FUZZ WATCHDOG: a case has run for ' + elapsed + ' ms (budget ' + floats[${BUDGET_MS}] +
      ' ms) without returning: it hangs.\\n' + what;
    if (!kill) {
      parentPort.postMessage(report);
      Atomics.store(ints, ${RUNNING}, 0);
      continue;
    }
    writeSync(2, '\\n' + report + '\\nKilling the test process.\\n');
    process.kill(process.pid, 'SIGKILL');
  }
}
`;

/** Memory a case added at its peak, as the watchdog sampled it (0 where it could not tell). */
export interface CasePeak {
  readonly residentBytes: number;
  readonly virtualBytes: number;
}

export class CaseMonitor {
  readonly shared = new SharedArrayBuffer(INT_SLOTS * 4 + FLOAT_SLOTS * 8 + TEXT_BYTES);
  private readonly ints = new Int32Array(this.shared, 0, INT_SLOTS);
  private readonly floats = new Float64Array(this.shared, INT_SLOTS * 4, FLOAT_SLOTS);
  private readonly text = new Uint8Array(this.shared, INT_SLOTS * 4 + FLOAT_SLOTS * 8);
  private readonly encoder = new TextEncoder();
  private rssAtStart = 0;
  private virtualAtStart = 0;

  /** Resolves once the watchdog is sampling (a case measured before then would see no peak). */
  async ready(): Promise<void> {
    while (Atomics.load(this.ints, SAMPLES) === 0) await new Promise((resolve) => setTimeout(resolve, 2));
  }

  /** Marks a case as running; `describe` is what the watchdog prints if it never returns. */
  begin(budgetMs: number, describe: string, rssNow: number): void {
    const { written } = this.encoder.encodeInto(describe.slice(0, TEXT_BYTES / 4), this.text);
    Atomics.store(this.ints, TEXT_LENGTH, written);
    this.rssAtStart = rssNow;
    // The last sample, at most a few milliseconds old: nothing large happens between cases.
    this.virtualAtStart = this.floats[VIRTUAL]!;
    this.floats[PEAK_RSS] = rssNow;
    this.floats[PEAK_VIRTUAL] = this.virtualAtStart;
    this.floats[STARTED_MS] = Date.now();
    this.floats[BUDGET_MS] = budgetMs;
    Atomics.store(this.ints, RUNNING, 1);
  }

  /** Ends the case; `rssNow` is one more resident sample, taken by the caller at the end. */
  end(rssNow: number): CasePeak {
    Atomics.store(this.ints, RUNNING, 0);
    const peakRss = Math.max(this.floats[PEAK_RSS]!, rssNow);
    return {
      residentBytes: Math.max(0, peakRss - this.rssAtStart),
      virtualBytes:
        this.virtualAtStart > 0 ? Math.max(0, this.floats[PEAK_VIRTUAL]! - this.virtualAtStart) : 0,
    };
  }

  stop(): void {
    Atomics.store(this.ints, STOP, 1);
    Atomics.notify(this.ints, STOP);
  }
}
