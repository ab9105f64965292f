import { Worker } from 'node:worker_threads';
import { gunzipSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { readTestdata } from '../test-support/shared-data.js';
import { type Mutation, mutate, mutations } from './byte-mutations.js';
import { CaseMonitor, WATCHDOG_SOURCE } from './case-monitor.js';
import { DEFAULT_LIMITS, fuzzReplayPath, fuzzRuns, fuzzSeed, runCase, scaledRuns } from './fuzz-case.js';
import { niftiSubject } from './nifti-layout.js';
import { readNiftiPipeline } from './nifti-pipeline.js';

/**
 * Fuzzes readNifti with mutations of real NIfTI-1/NIfTI-2 files, plain and gzipped: blind edits of the
 * stored bytes, and header fields (sizeof_hdr, dim, datatype, vox_offset, pixdim, scaling, qform/sform,
 * extensions) set to hostile values in the gunzipped header, gzipped again. Each mutated file must read
 * into a valid image or fail with an ImageReadError naming it, within time and memory proportional to it.
 */
const FILES = [
  'nibabel/anatomical.nii',
  'nibabel/functional.nii',
  'nibabel/example4d.nii.gz',
  'nibabel/example_nifti2.nii.gz',
  'nibabel/standard.nii.gz',
  'niivue/hippo.nii.gz',
  'niivue/torsoLabel.nii.gz',
];

// 60 cases per file (fewer for the big ones, see scaledRuns): about 3.5 s on two cores.
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

/** Node's zlib, as node/nifti-file.ts passes it (there capped at 1032× the input). */
function zlibGunzip(bytes: Uint8Array): Uint8Array {
  const out = gunzipSync(bytes, { maxOutputLength: bytes.length * 1032 + 1024 });
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

function describeCase(file: string, mutation: Mutation, gunzip: string): string {
  return `file: ${file}\ngunzip: ${gunzip}\nseed: ${SEED}\nmutation: ${JSON.stringify(mutation)}`;
}

describe.each(FILES)('NIfTI reader on mutated %s', (path) => {
  it(
    'reads or refuses mutations with an ImageReadError',
    async () => {
      const { subject, structured } = niftiSubject(path, readTestdata(path), (bytes) =>
        gzipSync(bytes, { level: 1 }),
      );
      await readNiftiPipeline(subject.stored, path);
      const gunzips = { fflate: undefined, zlib: zlibGunzip } as const;
      await fc.assert(
        fc.asyncProperty(
          mutations(subject, structured),
          fc.constantFrom<keyof typeof gunzips>('fflate', 'zlib'),
          async (mutation, gunzip) => {
            const bytes = mutate(subject, mutation);
            await runCase(
              monitor,
              describeCase(path, mutation, gunzip),
              path,
              Math.max(bytes.length, subject.plain.length),
              () => readNiftiPipeline(bytes, path, gunzips[gunzip]),
            );
          },
        ),
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
