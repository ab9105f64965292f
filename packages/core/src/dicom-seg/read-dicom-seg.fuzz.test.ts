import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
import { readTestdata, testdataPath } from '../test-support/shared-data.js';
import { readDicomSeg } from './read-dicom-seg.js';
import { SEG_VARIANT_SCRIPT } from './seg-variants.js';

/**
 * Fuzzes readDicomSeg with mutations of real SEG files (the project's pattern, see
 * ../fuzz/dicom-reader.fuzz.test.ts): blind byte edits, and hostile lengths, nesting, numbers and
 * values at the places the layout finds. Each mutated file must read into a label map or fail with an
 * ImageReadError naming it, within the time and memory limits of every reader (no crash, no hang).
 * Replay a failure with VOXELHUB_FUZZ_SEED and VOXELHUB_FUZZ_PATH as printed.
 */
const FILES: readonly [string, ...string[]] = [
  'dcmqi/segmentations/23x38x3/seg/label.seg', // 1-bit frames not byte-aligned
  'pydicom-data/liver.dcm', // 3 frames of 512²
  'highdicom/seg_image_ct_binary_overlap.dcm', // implicit VR, two segments, left-out slices
];

// A mutated position or spacing can ask for a grid far larger than the file; a server would cap it in
// proportion, as here (16 Mi voxels stays inside the per-case memory limit of DEFAULT_LIMITS).
const MAX_VOXELS = 2 ** 24;
const RUNS = fuzzRuns(60);
const SEED = fuzzSeed();

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

function describeCase(file: string, mutation: Mutation): string {
  return `file: ${file}\nseed: ${SEED}\nmutation: ${JSON.stringify(mutation)}`;
}

/** Mutations of `stored` (named `path`) must each read or fail with an ImageReadError naming `path`. */
async function fuzzSeg(path: string, stored: Uint8Array): Promise<void> {
  const { subject, structured } = dicomSubject(path, stored);
  const read = (bytes: Uint8Array) => readDicomSeg(bytes, { name: path, maxVoxels: MAX_VOXELS });
  await read(subject.stored);
  await fc.assert(
    fc.asyncProperty(mutations(subject, structured), async (mutation) => {
      const bytes = mutate(subject, mutation);
      const size = Math.max(bytes.length, subject.plain.length);
      await runCase(monitor, describeCase(path, mutation), path, size, () => read(bytes));
    }),
    {
      numRuns: scaledRuns(RUNS, subject.plain.length),
      seed: SEED,
      ...fuzzReplayPath(),
      timeout: DEFAULT_LIMITS.budgetMs * 2,
      verbose: 1,
    },
  );
}

describe.each(FILES)('readDicomSeg on mutated %s', (path) => {
  it(
    'reads or refuses mutations with an ImageReadError',
    () => fuzzSeg(path, readTestdata(path)),
    RUNS * 2_000 + 30_000,
  );
});

describe('readDicomSeg on a mutated FRACTIONAL SEG', () => {
  // No shared file is FRACTIONAL: pydicom turns label.seg into one (8-bit fractions, see seg-variants.ts).
  const work = mkdtempSync(join(tmpdir(), 'voxelhub-seg-fuzz-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it(
    'reads or refuses mutations with an ImageReadError',
    () => {
      const path = join(work, 'fractional.dcm');
      execFileSync('/usr/bin/python3', [
        '-c',
        SEG_VARIANT_SCRIPT,
        testdataPath(FILES[0]),
        path,
        'fractional',
      ]);
      return fuzzSeg(path, new Uint8Array(readFileSync(path)));
    },
    RUNS * 2_000 + 30_000,
  );
});
