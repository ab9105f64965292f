import { mkdir, rm, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { formatProfile, summariseProfiles } from '../harness/cpu-profile-summary.js';
import type { SuiteContext } from '../harness/suite.js';
import type { CoreDeid } from './core-deid.js';
import { deidentifyFolder, emptyFolder } from './measure-deid.js';

/**
 * `--profile`: one more in-process run of ours under V8's CPU profiler (through node:inspector, since
 * the work runs in this process), summarised by function and by file; the .cpuprofile stays in
 * bench/out/profiles/deid-300/ for Chrome DevTools or speedscope.
 */
export async function profileDeid(
  context: SuiteContext,
  core: CoreDeid,
  folders: { input: string; ours: string },
): Promise<void> {
  const dir = join(context.outDir, 'profiles', 'deid-300');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    emptyFolder(folders.ours);
    await session.post('Profiler.start');
    const started = performance.now();
    await deidentifyFolder(core, folders.input, folders.ours);
    const seconds = (performance.now() - started) / 1000;
    const { profile } = await session.post('Profiler.stop');
    await writeFile(join(dir, 'deid-300.cpuprofile'), JSON.stringify(profile));
    context.log(`\nprofile: de-identify ${folders.input} in-process`);
    context.log(`  wall ${seconds.toFixed(3)} s (profiling adds overhead)`);
    context.log(formatProfile(await summariseProfiles(dir, context.repoRoot)));
  } finally {
    session.disconnect();
  }
}
