import type { maskMetrics as MaskMetricsFunction } from '@voxelhub/core';
import type { readNiftiFile as ReadNiftiFileFunction } from '@voxelhub/core/node';

/**
 * The two modules this process needs, imported by file from core's build (bench/dist/metrics/ → the
 * repository root is three levels up): core's package entry points load every reader and codec,
 * about 0.3 s of start-up these modules do not need, as a command-line tool built for the job would not.
 */
async function importCore(): Promise<{
  maskMetrics: typeof MaskMetricsFunction;
  readNiftiFile: typeof ReadNiftiFileFunction;
}> {
  const dist = new URL('../../../packages/core/dist/', import.meta.url);
  const metrics = await import(new URL('metrics/mask-metrics.js', dist).href);
  const nifti = await import(new URL('node/nifti-file.js', dist).href);
  return { maskMetrics: metrics.maskMetrics, readNiftiFile: nifti.readNiftiFile };
}

/**
 * `node ours-child.js REF TEST`: our side as a whole process, so that its peak memory is measured
 * alone. Loads both NIfTI files, computes every mask metric (NSD at 1 mm) and prints one JSON object:
 * the metrics, the seconds spent loading and computing, and the peak resident memory.
 */
async function main(refPath: string, testPath: string): Promise<void> {
  const { maskMetrics, readNiftiFile } = await importCore();
  const started = performance.now();
  const ref = await readNiftiFile(refPath);
  const test = await readNiftiFile(testPath);
  const loaded = performance.now();
  const metrics = maskMetrics(ref.data, test.data, ref.dims, ref.spacing, { tolerance: 1 });
  const done = performance.now();
  const result = {
    metrics,
    seconds: { load: (loaded - started) / 1000, compute: (done - loaded) / 1000 },
    // maxRSS is in KiB.
    maxRssMb: (process.resourceUsage().maxRSS * 1024) / 1e6,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

const [refPath, testPath] = process.argv.slice(2);
if (!refPath || !testPath) {
  process.stderr.write('usage: node ours-child.js REF.nii.gz TEST.nii.gz\n');
  process.exitCode = 2;
} else {
  await main(refPath, testPath);
}
