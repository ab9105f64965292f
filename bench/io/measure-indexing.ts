import { findExecutable } from '../harness/find-executable.js';
import { type RunOutcome, timeCommand } from '../harness/process-runs.js';
import { attempt, type ResultRow, ratioOf, type SideResult } from '../harness/result-row.js';
import type { SuiteContext } from '../harness/suite.js';
import { voxelhubCommand } from './voxelhub-cli.js';

/** Patient ID, study, series and instance UIDs, position, orientation, rows, columns. */
const GDCM_TAGS = [
  '0010,0020',
  '0020,000d',
  '0020,000e',
  '0008,0018',
  '0020,0032',
  '0020,0037',
  '0028,0010',
  '0028,0011',
];
const DEFAULT_RUNS = 5;

/**
 * `voxelhub info --json` must account for the files: its records' `files` add up to every file, or to
 * the distinct instances when copies of the same SOP instances were left out (the 3,000-file folder).
 */
function checkOurs(outcome: RunOutcome, files: number, distinct: number): void {
  const records: unknown = JSON.parse(outcome.stdout);
  if (!Array.isArray(records)) throw new Error('voxelhub info --json did not print a JSON array');
  const listed = (records as { files?: number }[]).reduce((sum, r) => sum + (r.files ?? 0), 0);
  if (listed !== files && listed !== distinct) {
    const expected = files === distinct ? `${files}` : `${files} or ${distinct} distinct`;
    throw new Error(
      `voxelhub info --json listed ${listed} files in ${records.length} records, expected ${expected}`,
    );
  }
}

/** gdcmscanner -p prints "Filename: … (could be read)" once per file it parsed. */
function checkPeer(outcome: RunOutcome, files: number): void {
  const read = outcome.stdout.match(/\(could be read\)/g)?.length ?? 0;
  if (read !== files) throw new Error(`gdcmscanner read ${read} files, expected ${files}`);
}

function withRate(side: SideResult & { seconds: number }, files: number): SideResult {
  return { ...side, rate: { value: files / side.seconds, unit: 'files/s' } };
}

/** (a) Indexing every file's header: `voxelhub info --json` against `gdcmscanner -r -p -t …`. */
export async function measureIndexing(
  context: SuiteContext,
  folder: string,
  files: number,
  distinct: number,
  id: string,
): Promise<ResultRow> {
  const runs = context.runs ?? DEFAULT_RUNS;
  context.log(`indexing ${files} files …`);
  const ours = await attempt('voxelhub info --json', async () => {
    const command = voxelhubCommand(context.repoRoot, 'voxelhub info', ['info', folder, '--json']);
    const timing = await timeCommand(command, runs, { checkOutput: (o) => checkOurs(o, files, distinct) });
    return withRate({ tool: 'voxelhub info --json', seconds: timing.seconds, runs: timing.runs }, files);
  });
  const gdcmscanner = await findExecutable('gdcmscanner');
  const peer = gdcmscanner
    ? await attempt('gdcmscanner', async () => {
        const tags = GDCM_TAGS.flatMap((t) => ['-t', t]);
        const command = {
          label: 'gdcmscanner',
          file: gdcmscanner,
          args: ['-d', folder, '-r', '-p', ...tags],
        };
        const timing = await timeCommand(command, runs, { checkOutput: (o) => checkPeer(o, files) });
        return withRate({ tool: 'gdcmscanner', seconds: timing.seconds, runs: timing.runs }, files);
      })
    : { tool: 'gdcmscanner', skipped: 'not on PATH (apt-get install libgdcm-tools)' };
  return {
    id,
    measure: `index headers, ${files.toLocaleString('en-US')} files`,
    ours,
    peer,
    ratio: ratioOf(ours, peer),
    notes: [
      'whole-process wall time, stdout to /dev/null, page cache warm (one untimed run first)',
      ...(distinct === files
        ? []
        : [`${files / distinct} copies of ${distinct} instances (same SOP Instance UIDs)`]),
    ],
  };
}
