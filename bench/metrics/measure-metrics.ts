import { type MaskMetrics, maskMetrics } from '@voxelhub/core';
import { readNiftiFile } from '@voxelhub/core/node';
import { median } from '../harness/median.js';
import type { Command } from '../harness/process-runs.js';
import { type ResultRow, ratioOf, type SideResult } from '../harness/result-row.js';
import type { ScipyMetrics } from './metrics-agreement.js';
import type { MetricsCommands } from './metrics-commands.js';
import { runMeasured } from './metrics-commands.js';
import type { OrganPairFiles } from './organ-pair.js';

/** What the child prints (bench/metrics/ours-child.ts). */
export interface OursChildReport {
  readonly metrics: MaskMetrics;
  readonly seconds: { load: number; compute: number };
  readonly maxRssMb: number;
}

/** One side's runs: wall seconds of each timed run, and the warm-up's parsed output and peak memory. */
interface SideRuns<Report> {
  readonly seconds: number[];
  /** The tool's own load and compute seconds per run, when it reports them. */
  readonly inner: { load: number; compute: number }[];
  report?: Report;
  maxRssMb?: number;
  error?: string;
}

export interface MetricsRuns {
  readonly oursCompute: number[];
  readonly oursLoadAndCompute: number[];
  oursMetrics?: MaskMetrics;
  /** Why ours failed in-process (it is then not timed). */
  oursError?: string;
  readonly oursProcess: SideRuns<OursChildReport>;
  readonly scipy: SideRuns<ScipyMetrics>;
  readonly scipyCropped: SideRuns<ScipyMetrics>;
  readonly plastimatch: SideRuns<string>;
}

/** Ours in this process: load both files, then compute (NSD at 1 mm), timed separately. */
async function oursInProcess(
  pair: OrganPairFiles,
): Promise<{ load: number; compute: number; metrics: MaskMetrics }> {
  const started = performance.now();
  const ref = await readNiftiFile(pair.ref);
  const test = await readNiftiFile(pair.test);
  const loaded = performance.now();
  const metrics = maskMetrics(ref.data, test.data, ref.dims, ref.spacing, { tolerance: 1 });
  const done = performance.now();
  return { load: (loaded - started) / 1000, compute: (done - loaded) / 1000, metrics };
}

function emptySide<Report>(): SideRuns<Report> {
  return { seconds: [], inner: [] };
}

/** Runs one whole-process side once, parsing its output; a failure is recorded and the side dropped. */
async function runSide<Report>(
  command: Command | { skipped: string },
  side: SideRuns<Report>,
  scratch: string,
  timed: boolean,
  parse: (stdout: string) => { report: Report; inner?: { load: number; compute: number } },
): Promise<void> {
  if ('skipped' in command || side.error) return;
  try {
    const outcome = await runMeasured(command, scratch);
    const { report, inner } = parse(outcome.stdout);
    if (!timed) {
      side.report = report;
      if (outcome.maxRssMb !== undefined) side.maxRssMb = outcome.maxRssMb;
      return;
    }
    side.seconds.push(outcome.seconds);
    if (inner) side.inner.push(inner);
  } catch (error) {
    side.error = (error as Error).message;
  }
}

const parseOurs = (stdout: string) => {
  const report = JSON.parse(stdout) as OursChildReport;
  return { report, inner: report.seconds };
};

const parseScipy = (stdout: string) => {
  const report = JSON.parse(stdout) as ScipyMetrics;
  return { report, inner: { load: report.seconds.load, compute: report.seconds.compute } };
};

const parsePlastimatch = (stdout: string) => {
  if (!/^DICE:/m.test(stdout) || !/Hausdorff distance \(boundary\)/.test(stdout)) {
    throw new Error(`plastimatch printed no DICE and boundary Hausdorff lines: ${stdout.slice(0, 300)}`);
  }
  return { report: stdout };
};

/**
 * One untimed round of every side (page cache, JIT, outputs checked), then `runs` rounds that
 * alternate the sides, so that other work on the machine falls on all of them alike.
 */
export async function runMetricsRounds(
  pair: OrganPairFiles,
  commands: MetricsCommands,
  scratch: string,
  runs: number,
  log: (line: string) => void,
): Promise<MetricsRuns> {
  const result: MetricsRuns = {
    oursCompute: [],
    oursLoadAndCompute: [],
    oursProcess: emptySide(),
    scipy: emptySide(),
    scipyCropped: emptySide(),
    plastimatch: emptySide(),
  };
  for (let round = 0; round <= runs; round++) {
    const timed = round > 0;
    log(timed ? `  round ${round} of ${runs}` : '  warm-up round (untimed)');
    if (!result.oursError) {
      try {
        const ours = await oursInProcess(pair);
        if (timed) {
          result.oursCompute.push(ours.compute);
          result.oursLoadAndCompute.push(ours.load + ours.compute);
        } else result.oursMetrics = ours.metrics;
      } catch (error) {
        result.oursError = (error as Error).message;
      }
    }
    await runSide(commands.ours, result.oursProcess, scratch, timed, parseOurs);
    await runSide(commands.scipy, result.scipy, scratch, timed, parseScipy);
    await runSide(commands.scipyCropped, result.scipyCropped, scratch, timed, parseScipy);
    await runSide(commands.plastimatch, result.plastimatch, scratch, timed, parsePlastimatch);
  }
  return result;
}

function timedSide(tool: string, runs: readonly number[], error?: string): SideResult {
  if (error) return { tool, error };
  return runs.length ? { tool, seconds: median(runs), runs: [...runs] } : { tool, error: 'no timed run' };
}

/** A whole-process or inner-timing side from its runs, or why it has none. */
function sideOf<Report>(
  tool: string,
  command: Command | { skipped: string },
  side: SideRuns<Report>,
  pick: 'wall' | 'compute' | 'load+compute',
): SideResult {
  if ('skipped' in command) return { tool, skipped: command.skipped };
  if (side.error) return { tool, error: side.error };
  const runs =
    pick === 'wall'
      ? side.seconds
      : side.inner.map((t) => (pick === 'compute' ? t.compute : t.load + t.compute));
  return timedSide(tool, runs);
}

function row(id: string, measure: string, ours: SideResult, peer: SideResult, notes: string[]): ResultRow {
  return { id, measure, ours, peer, ratio: ratioOf(ours, peer), notes };
}

/** The table's rows: computing alone, loading and computing, and whole processes against each peer. */
export function metricsRows(runs: MetricsRuns, commands: MetricsCommands): ResultRow[] {
  const compute = timedSide('maskMetrics (in-process)', runs.oursCompute, runs.oursError);
  const loadAndCompute = timedSide(
    'readNiftiFile ×2 + maskMetrics (in-process)',
    runs.oursLoadAndCompute,
    runs.oursError,
  );
  const whole = sideOf('node ours-child.js', commands.ours, runs.oursProcess, 'wall');
  const scipyNote = 'scipy: its own perf_counter around the same step, inside the Python process';
  return [
    row(
      'metrics-compute',
      'all metrics, masks in memory',
      compute,
      sideOf('scipy, whole image', commands.scipy, runs.scipy, 'compute'),
      ['ours: maskMetrics on the loaded arrays, JIT warm', scipyNote],
    ),
    row(
      'metrics-compute-cropped',
      'all metrics, masks in memory',
      compute,
      sideOf('scipy, cropped to union box', commands.scipyCropped, runs.scipyCropped, 'compute'),
      ['scipy --crop: both masks cut to their union box + 1 voxel first, as MONAI ≥ 1.0 does'],
    ),
    row(
      'metrics-load',
      'load 2 × .nii.gz + all metrics',
      loadAndCompute,
      sideOf('scipy, whole image', commands.scipy, runs.scipy, 'load+compute'),
      ['ours: readNiftiFile (node zlib) then maskMetrics; scipy: nibabel load then the same'],
    ),
    row(
      'metrics-process',
      'whole process',
      whole,
      sideOf('python3 scipy-metrics.py', commands.scipy, runs.scipy, 'wall'),
      ['whole processes, start-up and imports included (Node without NODE_EXTRA_CA_CERTS)'],
    ),
    row(
      'metrics-process-cropped',
      'whole process',
      whole,
      sideOf('python3 scipy-metrics.py --crop', commands.scipyCropped, runs.scipyCropped, 'wall'),
      [],
    ),
    row(
      'metrics-plastimatch',
      'whole process',
      whole,
      sideOf('plastimatch dice --all', commands.plastimatch, runs.plastimatch, 'wall'),
      ['plastimatch computes Dice, set and boundary Hausdorff figures in its own conventions'],
    ),
  ];
}
