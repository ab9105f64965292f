import { spawn } from 'node:child_process';
import { median } from './median.js';

/** A command to time as a whole process. */
export interface Command {
  readonly label: string;
  readonly file: string;
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
}

export interface RunOutcome {
  readonly seconds: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The environment for the Node side: these machines set NODE_EXTRA_CA_CERTS, which costs about 85 ms
 * on every Node start (see /work/shared/CORE-NOTES.md); a user's machine normally does not.
 */
export function nodeEnvironment(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_EXTRA_CA_CERTS;
  return env;
}

/** The last few stderr lines without stack frames: enough to say why a run failed. */
function errorSummary(stderr: string): string {
  const lines = stderr.split('\n').filter((line) => line.trim() && !/^\s+at /.test(line));
  return lines.slice(-4).join('\n').slice(-600);
}

/**
 * Runs the command once and returns its wall time. stdout is kept only when `keepStdout`; otherwise it
 * goes to /dev/null, as for a user redirecting it. A non-zero exit throws with the end of stderr.
 */
export function runOnce(command: Command, keepStdout = false): Promise<RunOutcome> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command.file, command.args, {
      env: command.env ?? process.env,
      stdio: ['ignore', keepStdout ? 'pipe' : 'ignore', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const seconds = (performance.now() - started) / 1000;
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      if (code === 0) resolve({ seconds, stdout, stderr });
      else reject(new Error(`${command.label} exited with ${code ?? signal}: ${errorSummary(stderr)}`));
    });
  });
}

export interface Timing {
  /** Median wall time in seconds. */
  readonly seconds: number;
  /** Every timed run, in order. */
  readonly runs: number[];
  /** The untimed warm-up run's output. */
  readonly warmup: RunOutcome;
}

export interface TimingHooks {
  /** Runs before every run, outside the timing (e.g. to empty the output folder). */
  readonly prepare?: () => Promise<void>;
  /** Checks the warm-up run's stdout and stderr (throw if the output is wrong). */
  readonly checkOutput?: (outcome: RunOutcome) => void | Promise<void>;
  /** Checks what every run left behind, e.g. its output files (throw if wrong). */
  readonly checkResult?: () => Promise<void>;
}

/**
 * The median of `runs` whole-process runs, after one untimed warm-up run so that every tool reads the
 * input from the page cache. The hooks make sure a broken run is never timed as a fast one.
 */
export async function timeCommand(command: Command, runs: number, hooks: TimingHooks = {}): Promise<Timing> {
  await hooks.prepare?.();
  const warmup = await runOnce(command, true);
  await hooks.checkOutput?.(warmup);
  await hooks.checkResult?.();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    await hooks.prepare?.();
    times.push((await runOnce(command)).seconds);
    await hooks.checkResult?.();
  }
  return { seconds: median(times), runs: times, warmup };
}
