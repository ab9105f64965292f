import { mkdir, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Command } from '../harness/process-runs.js';
import { runMeasured } from '../metrics/metrics-commands.js';
import { type ExportCommands, type ExportOutputs, nnunetFilesUnder } from './export-commands.js';

/** One side's runs: wall seconds of each timed run, its steps' seconds, and the warm-up's peak memory. */
export interface SideRuns {
  readonly seconds: number[];
  /** Each timed run's own timing of its steps (the child's or script's report, or the peer's processes). */
  readonly steps: Record<string, number>[];
  /** Peak resident memory of the warm-up run (GNU time %M; the largest process for a two-process side). */
  maxRssMb?: number;
  error?: string;
}

export interface ExportRuns {
  readonly oursNnunet: SideRuns;
  readonly peerNnunet: SideRuns;
  readonly oursSeg: SideRuns;
  readonly pydicomSeg: SideRuns;
}

interface Outcome {
  readonly seconds: number;
  readonly steps: Record<string, number>;
  readonly maxRssMb?: number;
}

/** Every file must be there and not empty, so that a broken run is never timed as a fast one. */
async function checkFiles(paths: readonly string[]): Promise<void> {
  for (const path of paths) {
    const size = await stat(path).then(
      (s) => s.size,
      () => 0,
    );
    if (size === 0) throw new Error(`${path} was not written`);
  }
}

/** Runs a child that prints { seconds: { step: s } } and takes its steps from it. */
async function reportingRun(command: Command, scratch: string): Promise<Outcome> {
  const outcome = await runMeasured(command, scratch);
  const report = JSON.parse(outcome.stdout) as { seconds: Record<string, number> };
  return {
    seconds: outcome.seconds,
    steps: report.seconds,
    ...(outcome.maxRssMb === undefined ? {} : { maxRssMb: outcome.maxRssMb }),
  };
}

const maxOf = (...values: (number | undefined)[]) => {
  const known = values.filter((v): v is number => v !== undefined);
  return known.length ? Math.max(...known) : undefined;
};

/** dcm2niix, then the nibabel script: the peer's time is the two processes' together. */
async function peerNnunet(commands: ExportCommands, scratch: string): Promise<Outcome> {
  if ('skipped' in commands.dcm2niix) throw new Error(commands.dcm2niix.skipped);
  if ('skipped' in commands.nibabelLabels) throw new Error(commands.nibabelLabels.skipped);
  const image = await runMeasured(commands.dcm2niix, scratch);
  if (!/Convert 300 DICOM/.test(image.stdout)) {
    throw new Error(`dcm2niix did not convert the 300 files: ${image.stdout.slice(-300)}`);
  }
  const labels = await reportingRun(commands.nibabelLabels, scratch);
  const maxRssMb = maxOf(image.maxRssMb, labels.maxRssMb);
  return {
    seconds: image.seconds + labels.seconds,
    steps: { dcm2niix: image.seconds, nibabel: labels.seconds },
    ...(maxRssMb === undefined ? {} : { maxRssMb }),
  };
}

/** One side of one round: output emptied first (untimed), then run, then its files checked. */
async function runSide(
  side: SideRuns,
  timed: boolean,
  prepare: () => Promise<void>,
  run: () => Promise<Outcome>,
  expected: readonly string[],
): Promise<void> {
  if (side.error) return;
  try {
    await prepare();
    const outcome = await run();
    await checkFiles(expected);
    if (timed) {
      side.seconds.push(outcome.seconds);
      side.steps.push(outcome.steps);
    } else if (outcome.maxRssMb !== undefined) side.maxRssMb = outcome.maxRssMb;
  } catch (error) {
    side.error = (error as Error).message;
  }
}

const emptySide = (): SideRuns => ({ seconds: [], steps: [] });

/**
 * One untimed round of every side (page cache, outputs checked, peak memory), then `runs` rounds in
 * which the four sides take turns, so that other work on the machine falls on all of them alike.
 */
export async function runExportRounds(
  commands: ExportCommands,
  outputs: ExportOutputs,
  scratch: string,
  runs: number,
  log: (line: string) => void,
): Promise<ExportRuns> {
  const result: ExportRuns = {
    oursNnunet: emptySide(),
    peerNnunet: emptySide(),
    oursSeg: emptySide(),
    pydicomSeg: emptySide(),
  };
  for (let round = 0; round <= runs; round++) {
    const timed = round > 0;
    log(timed ? `  round ${round} of ${runs}` : '  warm-up round (untimed)');
    await runSide(
      result.oursNnunet,
      timed,
      () => rm(outputs.oursNnunet, { recursive: true, force: true }),
      () => reportingRun(commands.oursNnunet, scratch),
      Object.values(nnunetFilesUnder(outputs.oursNnunetRoot)),
    );
    await runSide(
      result.peerNnunet,
      timed,
      async () => {
        await rm(dirname(outputs.peerNnunet), { recursive: true, force: true });
        await mkdir(join(outputs.peerNnunet, 'imagesTr'), { recursive: true });
      },
      () => peerNnunet(commands, scratch),
      Object.values(nnunetFilesUnder(outputs.peerNnunet)),
    );
    await runSide(
      result.oursSeg,
      timed,
      () => rm(outputs.oursSeg, { force: true }),
      () => reportingRun(commands.oursSeg, scratch),
      [outputs.oursSeg],
    );
    await runSide(
      result.pydicomSeg,
      timed,
      () => rm(outputs.peerSeg, { force: true }),
      () => {
        if ('skipped' in commands.pydicomSeg) throw new Error(commands.pydicomSeg.skipped);
        return reportingRun(commands.pydicomSeg, scratch);
      },
      [outputs.peerSeg],
    );
  }
  return result;
}
