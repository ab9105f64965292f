import { Worker } from 'node:worker_threads';
import { deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { zlibInflateRaw } from '../node/zlib-inflate.js';
import { readTestdata } from '../test-support/shared-data.js';
import { type Mutation, mutate, mutations } from './byte-mutations.js';
import { CaseMonitor, WATCHDOG_SOURCE } from './case-monitor.js';
import { dicomSubject } from './dicom-layout.js';
import { loadAllCodecs, readDicomPipeline } from './dicom-pipeline.js';
import {
  ContractViolation,
  DEFAULT_LIMITS,
  fuzzReplayPath,
  fuzzRuns,
  fuzzSeed,
  runCase,
  scaledRuns,
} from './fuzz-case.js';

/**
 * Fuzzes the DICOM read pipeline (header pass, parse, instance header, every frame decoded, mosaic split)
 * with mutations of real files: every transfer syntax the readers handle, multi-frame, colour, SEG, no
 * preamble, deflate, Siemens mosaic. Each mutated file must read into a consistent result or fail with an
 * ImageReadError naming it, within time and memory proportional to it. A failure prints the seed, the
 * path and the mutation (JSON edits): replay with VOXELHUB_FUZZ_SEED=<seed>, or apply the edits with
 * applyEdits() in a plain test.
 */
const FILES = [
  'pydicom/MR_small.dcm', // explicit VR little endian
  'pydicom/MR_small_implicit.dcm',
  'pydicom/MR_small_bigendian.dcm',
  'pydicom/MR_small_RLE.dcm',
  'pydicom/MR_small_jp2klossless.dcm',
  'pydicom/MR_small_jpeg_ls_lossless.dcm',
  'pydicom/CT_small.dcm',
  'pydicom/examples_ybr_color.dcm', // 30-frame JPEG baseline cine, YBR_FULL_422
  'pydicom/SC_rgb_rle.dcm',
  'pydicom/JPEG2000.dcm',
  'pydicom/JPGExtended.dcm', // 12-bit JPEG
  'pydicom-data/JPGLosslessP14SV1_1s_1f_8b.dcm',
  'pydicom-data/emri_small_jpeg_ls_lossless.dcm', // 10 frames
  'pydicom-data/liver.dcm', // SEG, 1-bit, 3 frames
  'pydicom/rtstruct.dcm', // bare dataset: no preamble, no meta
  'pydicom/image_dfl.dcm', // deflated explicit VR little endian
  'dcm_qa_nih/In/20180918Si/mr_0003/epi_pe_ap-00001.dcm', // Siemens mosaic
];

// 60 cases per file: this file runs in about 3 s on two cores. scripts/fuzz.sh sets VOXELHUB_FUZZ_RUNS.
const RUNS = fuzzRuns(60);
const SEED = fuzzSeed();

const monitor = new CaseMonitor();
let watchdog: Worker | undefined;

beforeAll(async () => {
  watchdog = new Worker(WATCHDOG_SOURCE, { eval: true, workerData: monitor.shared });
  watchdog.unref();
  await monitor.ready();
  await loadAllCodecs();
});
afterAll(async () => {
  monitor.stop();
  await watchdog?.terminate();
});

const inflaters = { fflate: undefined, zlib: zlibInflateRaw } as const;
const deflateRaw = (bytes: Uint8Array) => deflateRawSync(bytes, { level: 1 });

function describeCase(file: string, mutation: Mutation, inflate: string): string {
  return `file: ${file}\ninflate: ${inflate}\nseed: ${SEED}\nmutation: ${JSON.stringify(mutation)}`;
}

/**
 * A codec that failed on bad data must still decode good data: a wasm module left broken by one hostile
 * file fails every later file of the process (a server's, too).
 */
async function expectCodecStillWorks(original: Uint8Array, path: string): Promise<void> {
  try {
    await readDicomPipeline(original, path);
  } catch (error) {
    throw new ContractViolation(
      `after this case the unmutated file no longer decodes (the codec is left broken): ${(error as Error).message}`,
    );
  }
}

describe.each(FILES)('DICOM reader on mutated %s', (path) => {
  it(
    'reads or refuses mutations with an ImageReadError',
    async () => {
      const { subject, structured } = dicomSubject(path, readTestdata(path), deflateRaw);
      // The file itself reads, and its codec is loaded (with its wasm address space) before measuring.
      await readDicomPipeline(subject.stored, path);
      await fc.assert(
        fc.asyncProperty(
          mutations(subject, structured),
          fc.constantFrom<keyof typeof inflaters>('fflate', 'zlib'),
          async (mutation, inflate) => {
            const bytes = mutate(subject, mutation);
            const inflateRaw = inflaters[inflate];
            const size = Math.max(bytes.length, subject.plain.length);
            const outcome = await runCase(monitor, describeCase(path, mutation, inflate), path, size, () =>
              readDicomPipeline(bytes, path, inflateRaw ? { inflateRaw } : {}),
            );
            if (outcome.error?.code === 'CODEC_FAILED') await expectCodecStillWorks(subject.stored, path);
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
