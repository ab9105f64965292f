import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { describeCpuPressure } from '../harness/cpu-pressure.js';
import { findExecutable } from '../harness/find-executable.js';
import { median } from '../harness/median.js';
import { type ResultRow, ratioOf, type SideResult } from '../harness/result-row.js';
import { formatResults } from '../harness/results-table.js';
import { describeSourceVersion } from '../harness/source-version.js';
import type { Suite, SuiteContext } from '../harness/suite.js';
import { CT_DIMS, CT_SPACING, ensureCtWithOrgans } from './ct-with-organs.js';
import {
  compareExports,
  dciodvfy,
  describeAgreement,
  describeDciodvfy,
  type ExportAgreement,
  type ExportSizes,
  outputSizes,
} from './export-checks.js';
import { type ExportCommands, exportCommands, exportOutputs } from './export-commands.js';
import { type ExportRuns, runExportRounds, type SideRuns } from './export-rounds.js';

const DEFAULT_RUNS = 3;
/** The decoded CT: 512 × 512 × 300 int16. */
const VOLUME_MB = (CT_DIMS[0] * CT_DIMS[1] * CT_DIMS[2] * 2) / 1e6;

function sideOf(tool: string, skipped: string | undefined, side: SideRuns, rateMb?: number): SideResult {
  if (skipped) return { tool, skipped };
  if (side.error) return { tool, error: side.error };
  if (!side.seconds.length) return { tool, error: 'no timed run' };
  const seconds = median(side.seconds);
  return {
    tool,
    seconds,
    runs: [...side.seconds],
    ...(rateMb ? { rate: { value: rateMb / seconds, unit: 'MB/s' } } : {}),
  };
}

/** The median of each step over the timed runs, as "step 1.23 s, …". */
function describeSteps(side: SideRuns): string {
  if (!side.steps.length) return 'no timed run';
  return Object.keys(side.steps[0]!)
    .map((step) => `${step} ${median(side.steps.map((s) => s[step] ?? 0)).toFixed(3)} s`)
    .join(', ');
}

const skippedOf = (...commands: ExportCommands[keyof ExportCommands][]) =>
  commands.map((c) => ('skipped' in c ? c.skipped : undefined)).find((s) => s !== undefined);

function exportRows(runs: ExportRuns, commands: ExportCommands, pigz: boolean): ResultRow[] {
  const nnOurs = sideOf('node ours-nnunet.js', undefined, runs.oursNnunet, VOLUME_MB);
  const nnPeer = sideOf(
    'dcm2niix -z y + nibabel-labels.py',
    skippedOf(commands.dcm2niix, commands.nibabelLabels),
    runs.peerNnunet,
    VOLUME_MB,
  );
  const segOurs = sideOf('node ours-dicom-seg.js', undefined, runs.oursSeg);
  const segPeer = sideOf('pydicom-seg.py', skippedOf(commands.pydicomSeg), runs.pydicomSeg);
  return [
    {
      id: 'export-nnunet',
      measure: 'series + mask → nnU-Net (.nii.gz)',
      ours: nnOurs,
      peer: nnPeer,
      ratio: ratioOf(nnOurs, nnPeer),
      notes: [
        `ours, steps inside the process (median): ${describeSteps(runs.oursNnunet)}`,
        `peer, its two processes (median): ${describeSteps(runs.peerNnunet)}`,
        `gzip: ours Node zlib level 6 on one thread (as the server's export); dcm2niix ${pigz ? 'pigz -6 (all cores)' : 'its internal miniz (pigz is not on PATH)'}; nibabel level 1 (its default)`,
        'MB/s: the decoded CT (157.3 MB) over the median seconds',
      ],
    },
    {
      id: 'export-dicom-seg',
      measure: 'series headers + mask → DICOM SEG (binary)',
      ours: segOurs,
      peer: segPeer,
      ratio: ratioOf(segOurs, segPeer),
      notes: [
        `ours, steps inside the process (median): ${describeSteps(runs.oursSeg)}`,
        `pydicom, steps inside the script (median): ${describeSteps(runs.pydicomSeg)}`,
      ],
    },
  ];
}

function describeMemory(runs: ExportRuns): string[] {
  const sides: [string, SideRuns][] = [
    ['ours nnU-Net', runs.oursNnunet],
    ['dcm2niix + nibabel (the larger)', runs.peerNnunet],
    ['ours DICOM SEG', runs.oursSeg],
    ['pydicom SEG', runs.pydicomSeg],
  ];
  return sides
    .filter(([, side]) => side.maxRssMb !== undefined)
    .map(([tool, side]) => `peak memory (GNU time %M), ${tool}: ${side.maxRssMb!.toFixed(0)} MB`);
}

function describeSizes(sizes: ExportSizes): string[] {
  const mb = (bytes: number | undefined) => `${((bytes ?? 0) / 1e6).toFixed(2)} MB`;
  const { oursNnunet: o, peerNnunet: p, seg } = sizes;
  return [
    `output sizes, nnU-Net image .nii.gz: ours ${mb(o.image)}, dcm2niix ${mb(p.image)}; label map .nii.gz: ours ${mb(o.label)}, nibabel ${mb(p.label)}; dataset.json ${o.datasetJson} / ${p.datasetJson} bytes`,
    `output sizes, DICOM SEG: ours ${mb(seg.ours)}, pydicom ${mb(seg.pydicom)}`,
  ];
}

async function runExport(context: SuiteContext): Promise<void> {
  const data = await ensureCtWithOrgans(context.outDir, context.log);
  const scratch = join(context.outDir, 'export');
  await mkdir(scratch, { recursive: true });
  const environment = [
    describeSourceVersion(context.repoRoot),
    `node ${process.version}, ${availableParallelism()} cores, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} at the start`,
    await describeCpuPressure(true),
  ];
  for (const line of environment) context.log(line);
  const outputs = exportOutputs(scratch);
  const commands = await exportCommands(context.repoRoot, data, outputs);
  const runs = context.runs ?? DEFAULT_RUNS;
  context.log(
    `exports of a ${CT_DIMS.join('×')} CT (${CT_SPACING.join('×')} mm) with a 10-label mask, ${runs} alternating rounds …`,
  );
  const measured = await runExportRounds(commands, outputs, scratch, runs, context.log);
  environment.push(await describeCpuPressure(false));
  const rows = exportRows(measured, commands, (await findExecutable('pigz')) !== undefined);
  context.log('checking that the outputs agree (nibabel, pydicom) and validating the SEGs (dciodvfy) …');
  let agreement: ExportAgreement | undefined;
  const details: string[] = [];
  try {
    agreement = await compareExports(context.repoRoot, outputs);
    details.push(...describeAgreement(agreement));
  } catch (error) {
    details.push(`agreement check FAILED: ${(error as Error).message}`);
  }
  const oursSeg = await dciodvfy(outputs.oursSeg);
  const peerSeg = await dciodvfy(outputs.peerSeg);
  details.push(...describeDciodvfy('ours SEG', oursSeg), ...describeDciodvfy('pydicom SEG', peerSeg));
  const sizes = await outputSizes(outputs);
  details.push(...describeSizes(sizes), ...describeMemory(measured));
  context.log('');
  context.log(formatResults(rows));
  for (const line of [...details, environment.at(-1)!]) context.log(line);
  const file = join(context.outDir, 'export-results.json');
  const json = {
    suite: 'export',
    date: new Date().toISOString(),
    environment,
    details,
    results: rows,
    steps: Object.fromEntries(Object.entries(measured).map(([k, side]) => [k, side.steps])),
    agreement,
    dciodvfy: { ours: oursSeg, pydicom: peerSeg },
    sizes,
  };
  await writeFile(file, `${JSON.stringify(json, null, 2)}\n`);
  context.log(`\nwritten to ${file}`);
}

export const exportSuite: Suite = {
  name: 'export',
  description:
    'A 300-slice CT with a 10-label mask to nnU-Net (vs dcm2niix + nibabel) and DICOM SEG (vs pydicom)',
  run: runExport,
};
