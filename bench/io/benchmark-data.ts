import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { BENCHMARK_CT, SYNTHETIC_CT_VERSION, writeSyntheticCtSeries } from './synthetic-ct.js';

/** Copies of the series in the many-files folder (hard links: no extra disk, same page cache). */
const COPIES = 10;

export interface BenchmarkData {
  /** The 300-file series. */
  readonly series: string;
  /** 3,000 files: the series hard-linked into 10 subfolders. */
  readonly manyFiles: string;
  readonly fileCount: number;
  readonly totalBytes: number;
  /** Bytes of the decoded volume (columns × rows × slices × 2). */
  readonly volumeBytes: number;
}

interface Marker {
  readonly version: number;
  readonly files: number;
  readonly totalBytes: number;
}

async function readMarker(file: string): Promise<Marker | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Marker;
  } catch {
    return undefined;
  }
}

async function generate(root: string, log: (line: string) => void): Promise<Marker> {
  const started = performance.now();
  log(`generating the synthetic CT series into ${root} (once, about 10 s) …`);
  await rm(root, { recursive: true, force: true });
  const { files } = await writeSyntheticCtSeries(join(root, 'ct-300'));
  for (let copy = 0; copy < COPIES; copy++) {
    const folder = join(root, 'ct-3000', `copy-${String(copy).padStart(2, '0')}`);
    await mkdir(folder, { recursive: true });
    for (const file of files) await link(file, join(folder, basename(file)));
  }
  let totalBytes = 0;
  for (const file of files) totalBytes += (await readFile(file)).byteLength;
  log(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { version: SYNTHETIC_CT_VERSION, files: files.length, totalBytes };
}

/**
 * The benchmark's data under `outDir`, generated on first use and reused while the marker file's
 * generator version matches (delete `outDir/synthetic-ct` to force a rebuild).
 */
export async function ensureBenchmarkData(
  outDir: string,
  log: (line: string) => void,
): Promise<BenchmarkData> {
  const root = join(outDir, 'synthetic-ct');
  const markerFile = join(root, 'marker.json');
  let marker = await readMarker(markerFile);
  if (marker?.version !== SYNTHETIC_CT_VERSION) {
    marker = await generate(root, log);
    await writeFile(markerFile, `${JSON.stringify(marker, null, 2)}\n`);
  }
  const { rows, columns, slices } = BENCHMARK_CT;
  return {
    series: join(root, 'ct-300'),
    manyFiles: join(root, 'ct-3000'),
    fileCount: marker.files,
    totalBytes: marker.totalBytes,
    volumeBytes: rows * columns * slices * 2,
  };
}
