import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { median } from '../harness/median.js';
import { type Command, runOnce } from '../harness/process-runs.js';
import { attempt, type ResultRow, ratioOf, type SideResult } from '../harness/result-row.js';
import type { SuiteContext } from '../harness/suite.js';
import type { CoreDeid } from './core-deid.js';

const DEFAULT_RUNS = 5;
/** A fixed project key: the same key gives the same UIDs, so every run writes the same copies. */
const BENCH_KEY = new TextEncoder().encode('voxelhub-bench-deid-project-key!');
export const OURS_TOOL = 'deidentifyDicomFiles (in-process)';

/**
 * Ours: core's deidentifyDicomFiles over the folder, input name to the same output name, on this thread
 * (no workers). It reads each file, de-identifies it and writes the copy; `output` must exist (and be
 * empty, to compare runs). Throws if any file failed.
 */
export async function deidentifyFolder(core: CoreDeid, input: string, output: string): Promise<number> {
  const names = readdirSync(input).sort();
  const jobs = names.map((name) => ({ input: join(input, name), output: join(output, name) }));
  const { failed } = await core.deidentifyDicomFiles(jobs, { key: BENCH_KEY });
  if (failed.length > 0) throw new Error(`${failed.length} files failed, e.g. ${failed[0]!.error.message}`);
  return names.length;
}

/** A new empty folder, outside the timing (gdcmanon creates its own output folder). */
export function emptyFolder(folder: string): void {
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
}

function checkCount(tool: string, folder: string, expected: number): void {
  const written = readdirSync(folder).length;
  if (written !== expected) throw new Error(`${tool} wrote ${written} files, expected ${expected}`);
}

interface Sides {
  readonly ours: number[];
  readonly peer: number[];
}

/**
 * One untimed round of each, then `runs` timed rounds that alternate ours and gdcmanon, so that other
 * work on the machine falls on both alike. Each side's output folder is emptied before its run.
 */
async function alternate(
  core: CoreDeid,
  peer: Command | undefined,
  folders: { input: string; ours: string; peer: string },
  files: number,
  runs: number,
): Promise<Sides> {
  const times: Sides = { ours: [], peer: [] };
  for (let round = 0; round <= runs; round++) {
    emptyFolder(folders.ours);
    const started = performance.now();
    await deidentifyFolder(core, folders.input, folders.ours);
    const seconds = (performance.now() - started) / 1000;
    checkCount(OURS_TOOL, folders.ours, files);
    if (round > 0) times.ours.push(seconds);
    if (!peer) continue;
    rmSync(folders.peer, { recursive: true, force: true });
    const outcome = await runOnce(peer);
    checkCount('gdcmanon', folders.peer, files);
    if (round > 0) times.peer.push(outcome.seconds);
  }
  return times;
}

function side(tool: string, runs: number[], files: number): SideResult {
  const seconds = median(runs);
  return { tool, seconds, runs, rate: { value: files / seconds, unit: 'files/s' } };
}

/** De-identifying the series: ours in-process against gdcmanon as a whole process, alternately. */
export async function measureDeid(
  context: SuiteContext,
  core: CoreDeid,
  peer: Command | { skipped: string },
  folders: { input: string; ours: string; peer: string },
  files: number,
): Promise<ResultRow> {
  const runs = context.runs ?? DEFAULT_RUNS;
  const command = 'file' in peer ? peer : undefined;
  context.log(`de-identifying ${files} files, ${runs} alternating runs …`);
  let times: Sides | undefined;
  const ours = await attempt(OURS_TOOL, async () => {
    times = await alternate(core, command, folders, files, runs);
    return side(OURS_TOOL, times.ours, files);
  });
  const gdcmanon: SideResult =
    'skipped' in peer
      ? { tool: 'gdcmanon', skipped: peer.skipped }
      : times
        ? side('gdcmanon', times.peer, files)
        : { tool: 'gdcmanon', error: 'not timed: the run failed on our side' };
  return {
    id: 'deid-300',
    measure: `de-identify ${files} files`,
    ours,
    peer: gdcmanon,
    ratio: ratioOf(ours, gdcmanon),
    notes: [
      'ours: core in this process (module loading and JIT warmed by an untimed round); one thread, no workers; reads and writes every file (synchronous calls)',
      `gdcmanon: whole process, ${command ? command.args.slice(0, 2).join(' ') : '-e'} <certificate> <in> <out> (Basic Profile; it also encrypts the originals into (0400,0500))`,
      'page cache warm; output folders emptied before each run, outside the timing',
    ],
  };
}
