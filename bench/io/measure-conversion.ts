import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { findExecutable } from '../harness/find-executable.js';
import { type Command, timeCommand } from '../harness/process-runs.js';
import { attempt, type ResultRow, ratioOf, type SideResult } from '../harness/result-row.js';
import type { SuiteContext } from '../harness/suite.js';
import { checkConvertedHeader, checkConvertedSize, type ExpectedNifti } from './nifti-output-check.js';
import { voxelhubCommand } from './voxelhub-cli.js';

const RUNS_UNCOMPRESSED = 5;
const RUNS_GZIP = 3;

interface Variant {
  readonly id: string;
  readonly measure: string;
  readonly compressed: boolean;
  readonly runs: number;
}

const VARIANTS: Variant[] = [
  { id: 'convert-nii', measure: 'series → .nii', compressed: false, runs: RUNS_UNCOMPRESSED },
  { id: 'convert-nii-gz', measure: 'series → .nii.gz', compressed: true, runs: RUNS_GZIP },
];

/** Times one conversion command writing into its own emptied folder, checking the NIfTI it leaves. */
async function timeConversion(
  command: Command,
  output: string,
  expected: ExpectedNifti,
  runs: number,
  volumeBytes: number,
): Promise<SideResult> {
  const prepare = async () => {
    await rm(output, { recursive: true, force: true });
    await mkdir(output, { recursive: true });
  };
  const timing = await timeCommand(command, runs, {
    prepare,
    checkOutput: () => checkConvertedHeader(output, expected),
    checkResult: () => checkConvertedSize(output, expected),
  });
  await rm(output, { recursive: true, force: true });
  return {
    tool: command.label,
    seconds: timing.seconds,
    runs: timing.runs,
    rate: { value: volumeBytes / 1e6 / timing.seconds, unit: 'MB/s' },
  };
}

/** How dcm2niix -z y compresses here: it runs pigz when pigz is on PATH, else its internal miniz. */
export async function describeDcm2niixGzip(): Promise<string> {
  const pigz = await findExecutable('pigz');
  return pigz
    ? `pigz found at ${pigz}: dcm2niix -z y writes the .nii, then runs pigz on it (level 6, all cores)`
    : 'pigz not on PATH: dcm2niix -z y compresses with its internal miniz (single thread)';
}

/** (c) Series → NIfTI: `voxelhub convert` against `dcm2niix`, uncompressed and gzip. */
export async function measureConversion(
  context: SuiteContext,
  series: string,
  dims: readonly [number, number, number],
  volumeBytes: number,
): Promise<ResultRow[]> {
  const dcm2niix = await findExecutable('dcm2niix');
  const rows: ResultRow[] = [];
  for (const variant of VARIANTS) {
    const runs = context.runs ?? variant.runs;
    const expected: ExpectedNifti = { dims, compressed: variant.compressed };
    context.log(`converting to ${variant.compressed ? '.nii.gz' : '.nii'} …`);
    const oursOut = join(context.outDir, 'convert', `voxelhub-${variant.id}`);
    const oursArgs = ['convert', series, '-o', oursOut, ...(variant.compressed ? [] : ['--uncompressed'])];
    const oursLabel = `voxelhub convert${variant.compressed ? '' : ' --uncompressed'}`;
    const ours = await attempt(oursLabel, () =>
      timeConversion(
        voxelhubCommand(context.repoRoot, oursLabel, oursArgs),
        oursOut,
        expected,
        runs,
        volumeBytes,
      ),
    );
    const peerLabel = `dcm2niix -z ${variant.compressed ? 'y' : 'n'}`;
    const peerOut = join(context.outDir, 'convert', `dcm2niix-${variant.id}`);
    const peer = dcm2niix
      ? await attempt(peerLabel, () => {
          const args = ['-z', variant.compressed ? 'y' : 'n', '-o', peerOut, series];
          return timeConversion(
            { label: peerLabel, file: dcm2niix, args },
            peerOut,
            expected,
            runs,
            volumeBytes,
          );
        })
      : { tool: peerLabel, skipped: 'dcm2niix not on PATH (apt-get install dcm2niix)' };
    const notes = ['whole-process wall time incl. the JSON sidecar; output checked after every run'];
    if (variant.compressed) notes.push(await describeDcm2niixGzip());
    rows.push({ id: variant.id, measure: variant.measure, ours, peer, ratio: ratioOf(ours, peer), notes });
  }
  await rm(join(context.outDir, 'convert'), { recursive: true, force: true });
  return rows;
}
