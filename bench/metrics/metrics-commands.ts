import { access, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findExecutable } from '../harness/find-executable.js';
import { type Command, nodeEnvironment, runOnce } from '../harness/process-runs.js';
import type { OrganPairFiles } from './organ-pair.js';

/** The whole-process sides: ours in Node, the scipy script (whole image and cropped), plastimatch. */
export interface MetricsCommands {
  readonly ours: Command;
  readonly scipy: Command | { skipped: string };
  readonly scipyCropped: Command | { skipped: string };
  readonly plastimatch: Command | { skipped: string };
}

const PYTHON = '/usr/bin/python3';

/** ours-child.js beside this module (tsc's bench/dist/metrics/) or under metrics/ (one bundle). */
async function oursChild(): Promise<string> {
  const candidates = ['./ours-child.js', './metrics/ours-child.js'].map((p) =>
    fileURLToPath(new URL(p, import.meta.url)),
  );
  for (const candidate of candidates) {
    try {
      await access(candidate);
      return candidate;
    } catch {}
  }
  throw new Error(`ours-child.js not found (looked at ${candidates.join(', ')})`);
}

async function pythonCommands(
  repoRoot: string,
  pair: OrganPairFiles,
): Promise<Pick<MetricsCommands, 'scipy' | 'scipyCropped'>> {
  const script = join(repoRoot, 'bench', 'metrics', 'scipy-metrics.py');
  try {
    await runOnce({ label: 'python check', file: PYTHON, args: ['-c', 'import scipy, nibabel'] });
  } catch (error) {
    const skipped = `${PYTHON} with scipy and nibabel is not available (${(error as Error).message})`;
    return { scipy: { skipped }, scipyCropped: { skipped } };
  }
  const args = [script, pair.ref, pair.test];
  return {
    scipy: { label: 'scipy', file: PYTHON, args },
    scipyCropped: { label: 'scipy --crop', file: PYTHON, args: [...args, '--crop'] },
  };
}

export async function metricsCommands(repoRoot: string, pair: OrganPairFiles): Promise<MetricsCommands> {
  const plastimatch = await findExecutable('plastimatch');
  return {
    ours: {
      label: 'ours (node)',
      file: process.execPath,
      args: [await oursChild(), pair.ref, pair.test],
      env: nodeEnvironment(),
    },
    ...(await pythonCommands(repoRoot, pair)),
    plastimatch: plastimatch
      ? { label: 'plastimatch', file: plastimatch, args: ['dice', '--all', pair.ref, pair.test] }
      : { skipped: 'plastimatch is not on PATH' },
  };
}

export interface ProcessOutcome {
  readonly seconds: number;
  readonly stdout: string;
  /** Peak resident memory from GNU time, when /usr/bin/time is there. */
  readonly maxRssMb?: number;
}

/**
 * Runs a command once, under GNU time (`-f %M -o file`, which adds a fork but keeps the command's own
 * stderr clean) when it is installed, so that every side's peak memory is measured the same way.
 */
export async function runMeasured(command: Command, scratch: string): Promise<ProcessOutcome> {
  const gnuTime = await access('/usr/bin/time').then(
    () => '/usr/bin/time',
    () => undefined,
  );
  if (!gnuTime) {
    const { seconds, stdout } = await runOnce(command, true);
    return { seconds, stdout };
  }
  const rssFile = join(scratch, `rss-${process.pid}.txt`);
  const wrapped = {
    ...command,
    file: gnuTime,
    args: ['-f', '%M', '-o', rssFile, command.file, ...command.args],
  };
  const { seconds, stdout } = await runOnce(wrapped, true);
  const kib = Number((await readFile(rssFile, 'utf8')).trim().split('\n').at(-1));
  await rm(rssFile, { force: true });
  return { seconds, stdout, maxRssMb: (kib * 1024) / 1e6 };
}
