import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { describeCpuPressure } from '../harness/cpu-pressure.js';
import { formatResults } from '../harness/results-table.js';
import { describeSourceVersion } from '../harness/source-version.js';
import type { Suite, SuiteContext } from '../harness/suite.js';
import { type MetricsRuns, metricsRows, runMetricsRounds } from './measure-metrics.js';
import { compareWithScipy, describeAgreement } from './metrics-agreement.js';
import { metricsCommands } from './metrics-commands.js';
import { ensureOrganPair, ORGAN_PAIR_DIMS, ORGAN_PAIR_SPACING } from './organ-pair.js';

const DEFAULT_RUNS = 3;
/** The budget for our side's peak memory. */
const MEMORY_BUDGET_MB = 1000;

function describePair(runs: MetricsRuns): string {
  const m = runs.oursMetrics;
  const grid = `${ORGAN_PAIR_DIMS.join('×')} uint8, ${ORGAN_PAIR_SPACING.join('×')} mm`;
  if (!m) return `pair: ${grid}`;
  return `pair: ${grid}; ${m.voxelsRef.toLocaleString('en-US')} and ${m.voxelsTest.toLocaleString('en-US')} foreground voxels, ${m.surfaceVoxelsRef.toLocaleString('en-US')} and ${m.surfaceVoxelsTest.toLocaleString('en-US')} surface voxels`;
}

function describeMetrics(runs: MetricsRuns): string[] {
  const m = runs.oursMetrics;
  if (!m) return [];
  const f = (v: number | null) => (v === null ? 'null' : v.toFixed(4));
  const lines = [
    `ours: Dice ${f(m.dice)}, IoU ${f(m.iou)}, HD ${f(m.hd)} mm, HD95 ${f(m.hd95)} mm, ASSD ${f(m.assd)} mm, NSD@1mm ${f(m.nsd)}`,
  ];
  const plastimatch = runs.plastimatch.report;
  if (plastimatch) {
    const pick = (re: RegExp) => re.exec(plastimatch)?.[1] ?? '?';
    lines.push(
      `plastimatch (its conventions): DICE ${pick(/^DICE:\s+(\S+)/m)}, boundary HD ${pick(/^Hausdorff distance \(boundary\) = (\S+)/m)}, boundary HD95 ${pick(/^Percent \(0\.95\) Hausdorff distance \(boundary\) = (\S+)/m)}, boundary avg ${pick(/^Avg average Hausdorff distance \(boundary\) = (\S+)/m)}`,
    );
  }
  return lines;
}

function describeMemory(runs: MetricsRuns): string[] {
  const lines: string[] = [];
  const report = runs.oursProcess.report;
  if (report) {
    const verdict = report.maxRssMb < MEMORY_BUDGET_MB ? 'within' : 'OVER';
    lines.push(
      `peak memory, ours (child process, process.resourceUsage().maxRSS): ${report.maxRssMb.toFixed(0)} MB — ${verdict} the ${MEMORY_BUDGET_MB} MB budget (inside: load ${report.seconds.load.toFixed(3)} s, compute ${report.seconds.compute.toFixed(3)} s)`,
    );
  }
  for (const [tool, side] of [
    ['ours (node)', runs.oursProcess],
    ['scipy, whole image', runs.scipy],
    ['scipy, cropped', runs.scipyCropped],
    ['plastimatch', runs.plastimatch],
  ] as const) {
    if (side.maxRssMb !== undefined)
      lines.push(`peak memory (GNU time %M), ${tool}: ${side.maxRssMb.toFixed(0)} MB`);
  }
  return lines;
}

function describeAgreements(runs: MetricsRuns): string[] {
  const ours = runs.oursMetrics;
  if (!ours) return ['ours: no result to compare'];
  const lines: string[] = [];
  for (const [label, report] of [
    ['scipy (whole image)', runs.scipy.report],
    ['scipy (cropped)', runs.scipyCropped.report],
  ] as const) {
    if (report) lines.push(describeAgreement(label, compareWithScipy(ours, report)));
  }
  return lines;
}

async function runMetrics(context: SuiteContext): Promise<void> {
  const pair = await ensureOrganPair(context.outDir, context.log);
  const scratch = join(context.outDir, 'metrics');
  await mkdir(scratch, { recursive: true });
  const environment = [
    describeSourceVersion(context.repoRoot),
    `node ${process.version}, ${availableParallelism()} cores, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} at the start`,
    await describeCpuPressure(true),
  ];
  for (const line of environment) context.log(line);
  const commands = await metricsCommands(context.repoRoot, pair);
  const runs = context.runs ?? DEFAULT_RUNS;
  context.log(`mask metrics of ${pair.ref} and ${pair.test}, ${runs} alternating rounds …`);
  const measured = await runMetricsRounds(pair, commands, scratch, runs, context.log);
  environment.push(await describeCpuPressure(false));
  const rows = metricsRows(measured, commands);
  const details = [
    describePair(measured),
    ...describeMetrics(measured),
    ...describeAgreements(measured),
    ...describeMemory(measured),
  ];
  context.log('');
  context.log(formatResults(rows));
  for (const line of [...details, environment.at(-1)!]) context.log(line);
  const file = join(context.outDir, 'metrics-results.json');
  const json = {
    suite: 'metrics',
    date: new Date().toISOString(),
    environment,
    details,
    results: rows,
    ours: measured.oursMetrics,
    scipy: measured.scipy.report,
    scipyCropped: measured.scipyCropped.report,
  };
  await writeFile(file, `${JSON.stringify(json, null, 2)}\n`);
  context.log(`\nwritten to ${file}`);
}

export const metricsSuite: Suite = {
  name: 'metrics',
  description: 'Mask metrics of a 512×512×300 pair, against scipy (the MONAI way) and plastimatch',
  run: runMetrics,
};
