import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { formatProfile, summariseProfiles } from '../harness/cpu-profile-summary.js';
import { runOnce } from '../harness/process-runs.js';
import type { SuiteContext } from '../harness/suite.js';
import { voxelhubCommand } from './voxelhub-cli.js';

/**
 * `--profile`: runs each of our CLI commands once more under `node --cpu-prof` and prints where the time
 * goes (self time by function and by file), for whoever optimises packages/core. Profiles stay in
 * bench/out/profiles/<id>/ for Chrome DevTools or speedscope.
 */
export async function profileCli(context: SuiteContext, series: string, manyFiles: string): Promise<void> {
  const convertOut = join(context.outDir, 'profiles', 'convert-output');
  const commands: [string, string[]][] = [
    ['info-300', ['info', series, '--json']],
    ['info-3000', ['info', manyFiles, '--json']],
    ['convert-nii', ['convert', series, '-o', convertOut, '--uncompressed']],
    ['convert-nii-gz', ['convert', series, '-o', convertOut]],
  ];
  for (const [id, args] of commands) {
    const dir = join(context.outDir, 'profiles', id);
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    await rm(convertOut, { recursive: true, force: true });
    context.log(`\nprofile: voxelhub ${args.join(' ')}`);
    try {
      const command = voxelhubCommand(context.repoRoot, `voxelhub ${id}`, args, [
        '--cpu-prof',
        '--cpu-prof-dir',
        dir,
      ]);
      const outcome = await runOnce(command);
      context.log(`  wall ${outcome.seconds.toFixed(3)} s (profiling adds overhead)`);
      context.log(formatProfile(await summariseProfiles(dir, context.repoRoot)));
    } catch (error) {
      context.log(`  FAILED: ${(error as Error).message}`);
    }
  }
  await rm(convertOut, { recursive: true, force: true });
}
