import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { type Mutation, mutate, mutations } from '../fuzz/byte-mutations.js';
import { CaseMonitor, WATCHDOG_SOURCE } from '../fuzz/case-monitor.js';
import { dicomSubject } from '../fuzz/dicom-layout.js';
import {
  DEFAULT_LIMITS,
  fuzzReplayPath,
  fuzzRuns,
  fuzzSeed,
  runCase,
  scaledRuns,
} from '../fuzz/fuzz-case.js';
import { IDENTITY3 } from '../geometry/matrix3.js';
import { readTestdata } from '../test-support/shared-data.js';
import { readRtstruct } from './read-rtstruct.js';
import { rtstructLabelMap } from './rtstruct-label-map.js';

/**
 * Fuzzes readRtstruct (and the label map made from what it reads) with mutations of a real structure set,
 * as the other DICOM readers are fuzzed (../fuzz/dicom-reader.fuzz.test.ts): each mutated file must read,
 * or fail with an ImageReadError naming it, within the time and memory limits (no crash, no hang).
 * Replay a failure with VOXELHUB_FUZZ_SEED and VOXELHUB_FUZZ_PATH as printed.
 */
const FILE = 'pydicom/rtstruct.dcm';
const RUNS = fuzzRuns(60);
const SEED = fuzzSeed();

/** A small grid around the file's contours (±200 mm), so a read structure set is also rasterised. */
const GRID = {
  dims: [64, 64, 8] as [number, number, number],
  spacing: [8, 8, 60] as [number, number, number],
  origin: [-256, -256, -210] as [number, number, number],
  direction: IDENTITY3,
};

const monitor = new CaseMonitor();
let watchdog: Worker | undefined;
beforeAll(async () => {
  watchdog = new Worker(WATCHDOG_SOURCE, { eval: true, workerData: monitor.shared });
  watchdog.unref();
  await monitor.ready();
});
afterAll(async () => {
  monitor.stop();
  await watchdog?.terminate();
});

function describeCase(mutation: Mutation): string {
  return `file: ${FILE}\nseed: ${SEED}\nmutation: ${JSON.stringify(mutation)}`;
}

describe(`readRtstruct on mutated ${FILE}`, () => {
  it(
    'reads or refuses mutations with an ImageReadError',
    async () => {
      const { subject, structured } = dicomSubject(FILE, readTestdata(FILE));
      const read = async (bytes: Uint8Array) => rtstructLabelMap(readRtstruct(bytes, { name: FILE }), GRID);
      await read(subject.stored);
      await fc.assert(
        fc.asyncProperty(mutations(subject, structured), async (mutation) => {
          const bytes = mutate(subject, mutation);
          const size = Math.max(bytes.length, subject.plain.length);
          await runCase(monitor, describeCase(mutation), FILE, size, () => read(bytes));
        }),
        {
          numRuns: scaledRuns(RUNS, subject.plain.length),
          seed: SEED,
          ...fuzzReplayPath(),
          timeout: DEFAULT_LIMITS.budgetMs * 2,
          verbose: 1,
        },
      );
    },
    RUNS * 2_000 + 30_000,
  );
});
