import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { median } from '../harness/median.js';
import { attempt, type ResultRow, type SideResult } from '../harness/result-row.js';
import type { SuiteContext } from '../harness/suite.js';

const DEFAULT_RUNS = 5;
const TOOL = 'loadFoundImage (in-process)';

/** The two functions of @voxelhub/core/node this measure uses, typed loosely: core is built separately. */
interface CoreNode {
  describeInputs(paths: string[]): Promise<{ images: unknown[]; failed: unknown[] }>;
  loadFoundImage(
    found: unknown,
  ): Promise<{ dims: number[]; data: ArrayLike<number> & { byteLength: number } }>;
}

async function importCoreNode(repoRoot: string): Promise<Partial<CoreNode>> {
  const entry = join(repoRoot, 'packages', 'core', 'dist', 'node', 'index.js');
  await access(entry);
  return (await import(pathToFileURL(entry).href)) as Partial<CoreNode>;
}

/** A loaded volume must have every voxel and not be constant (a stub filling zeros is not a load). */
function checkVolume(volume: Awaited<ReturnType<CoreNode['loadFoundImage']>>, expectedBytes: number): void {
  if (volume.data.byteLength !== expectedBytes) {
    throw new Error(
      `loaded ${volume.data.byteLength} bytes (dims ${volume.dims.join('×')}), expected ${expectedBytes}`,
    );
  }
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < volume.data.length; i += 4099) {
    const v = volume.data[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!(max > min)) throw new Error(`loaded volume is constant (${min})`);
}

async function timeLoads(core: CoreNode, series: string, volumeBytes: number, runs: number) {
  const describeTimes: number[] = [];
  const loadTimes: number[] = [];
  // The first round is the warm-up (module loading, JIT, page cache) and is not counted.
  for (let round = 0; round <= runs; round++) {
    let started = performance.now();
    const found = await core.describeInputs([series]);
    const describeSeconds = (performance.now() - started) / 1000;
    if (found.images.length !== 1 || found.failed.length) {
      throw new Error(
        `describeInputs found ${found.images.length} images and ${found.failed.length} failures`,
      );
    }
    started = performance.now();
    const volume = await core.loadFoundImage(found.images[0]);
    const loadSeconds = (performance.now() - started) / 1000;
    checkVolume(volume, volumeBytes);
    if (round > 0) {
      describeTimes.push(describeSeconds);
      loadTimes.push(loadSeconds);
    }
  }
  return { describeTimes, loadTimes };
}

/** (b) Loading the whole series into a volume, timed inside this process (no peer). */
export async function measureLoading(
  context: SuiteContext,
  series: string,
  volumeBytes: number,
): Promise<ResultRow> {
  const runs = context.runs ?? DEFAULT_RUNS;
  const notes = ['in-process, after describeInputs (timed separately), page cache warm, one untimed warm-up'];
  context.log('loading the series in-process …');
  const ours: SideResult = await attempt(TOOL, async () => {
    const core = await importCoreNode(context.repoRoot);
    if (typeof core.describeInputs !== 'function' || typeof core.loadFoundImage !== 'function') {
      const missing = ['describeInputs', 'loadFoundImage'].filter(
        (f) => typeof core[f as keyof CoreNode] !== 'function',
      );
      return { tool: TOOL, skipped: `TODO: @voxelhub/core/node does not export ${missing.join(', ')} yet` };
    }
    const { describeTimes, loadTimes } = await timeLoads(core as CoreNode, series, volumeBytes, runs);
    const seconds = median(loadTimes);
    notes.push(
      `describeInputs on the same 300 files (in-process, warm): median ${median(describeTimes).toFixed(3)} s`,
    );
    return {
      tool: TOOL,
      seconds,
      runs: loadTimes,
      rate: { value: volumeBytes / 1e6 / seconds, unit: 'MB/s' },
    };
  });
  return { id: 'load-300', measure: 'load series into a volume', ours, notes };
}
