import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { describeCpuPressure } from '../harness/cpu-pressure.js';
import type { ResultRow } from '../harness/result-row.js';
import { formatResults } from '../harness/results-table.js';
import { describeSourceVersion } from '../harness/source-version.js';
import type { Suite, SuiteContext } from '../harness/suite.js';
import { importCoreDeid } from './core-deid.js';
import { gdcmanonCommand } from './gdcmanon-peer.js';
import { ensureIdentifyingCt } from './identifying-ct.js';
import { formatLeakSummary, type LeakSummary, summariseLeaks } from './leak-summary.js';
import { measureDeid, OURS_TOOL } from './measure-deid.js';
import { profileDeid } from './profile-deid.js';

const FILES = 300;

async function runDeid(context: SuiteContext): Promise<void> {
  const input = await ensureIdentifyingCt(context.outDir, context.log);
  const scratch = join(context.outDir, 'deid');
  await mkdir(scratch, { recursive: true });
  const folders = { input, ours: join(scratch, 'voxelhub'), peer: join(scratch, 'gdcmanon') };
  const notes = [
    describeSourceVersion(context.repoRoot),
    `node ${process.version}, ${availableParallelism()} cores, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} at the start`,
    await describeCpuPressure(true),
  ];
  context.log(
    `series: ${FILES} files, 512×512 int16, with identifying values (bench/deid/identifying-ct.ts)`,
  );
  for (const note of notes) context.log(note);
  context.log('');
  const core = await importCoreDeid(context.repoRoot);
  const peer = await gdcmanonCommand(scratch, input, folders.peer);
  const row: ResultRow = await measureDeid(context, core, peer, folders, FILES);
  notes.push(await describeCpuPressure(false));
  context.log('');
  context.log(formatResults([row]));
  context.log(notes.at(-1)!);
  const leaks: Record<string, LeakSummary> = {};
  for (const [tool, folder, side] of [
    [OURS_TOOL, folders.ours, row.ours],
    ['gdcmanon', folders.peer, row.peer],
  ] as const) {
    if (side?.seconds === undefined) continue;
    context.log('');
    try {
      leaks[tool] = await summariseLeaks(core, input, folder);
      for (const line of formatLeakSummary(tool, leaks[tool])) context.log(line);
    } catch (error) {
      context.log(`${tool}: leak list FAILED: ${(error as Error).message}`);
    }
  }
  const file = join(context.outDir, 'deid-results.json');
  const json = { suite: 'deid', date: new Date().toISOString(), environment: notes, results: [row], leaks };
  await writeFile(file, `${JSON.stringify(json, null, 2)}\n`);
  context.log(`\nwritten to ${file}`);
  if (context.profile) await profileDeid(context, core, folders);
}

export const deidSuite: Suite = {
  name: 'deid',
  description: 'DICOM de-identification (PS3.15 Basic Profile) of 300 CT files, against gdcmanon',
  run: runDeid,
};
