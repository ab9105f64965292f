import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { orthancAvailable } from '@voxelhub/server/testing';
import { describeCpuPressure } from '../harness/cpu-pressure.js';
import { median } from '../harness/median.js';
import { type ResultRow, ratioOf, type SideResult } from '../harness/result-row.js';
import { formatResults } from '../harness/results-table.js';
import type { SuiteContext } from '../harness/suite.js';
import { ensureBenchmarkData } from '../io/benchmark-data.js';
import { type StowBatching, type StowRequests, sendStow, stowRequests } from './stow-client.js';
import { readStowSeries, seriesCopy } from './stow-series-copy.js';
import { type StowTarget, startOrthancTarget, startOurTarget } from './stow-targets.js';

const DEFAULT_RUNS = 3;
/**
 * 10 requests of 30 instances, 2 in flight. A modality or PACS forwarding a study sends it in a few
 * multi-instance requests rather than one 158 MB body or 300 single ones; 30 instances (about 16 MB)
 * keeps each request well under any upload limit. Two in flight matches the 2 cores of the machines
 * these figures come from and lets each server overlap reading one request with storing another,
 * without the client's own work crowding them.
 */
const BATCHING: StowBatching = { instancesPerRequest: 30, inFlight: 2 };

interface Side {
  readonly tool: string;
  readonly target?: StowTarget;
  readonly runs: number[];
  skipped?: string;
  error?: string;
}

/**
 * STOW-RS import of the 300-slice synthetic CT into our server and into Orthanc, with the same client,
 * bodies and batching: one untimed warm-up pass and N timed passes per server, each pass a new copy of
 * the series (new UIDs), so every pass stores 300 new instances. Passes alternate between the servers,
 * so that load from elsewhere on the machine falls on both alike.
 */
export async function measureStowImport(context: SuiteContext): Promise<void> {
  const data = await ensureBenchmarkData(context.outDir, context.log);
  const runs = context.runs ?? DEFAULT_RUNS;
  const series = await readStowSeries(data.series);
  if (series.files.length !== data.fileCount)
    throw new Error(`read ${series.files.length} files from ${data.series}, expected ${data.fileCount}`);
  const batching = `${Math.ceil(series.files.length / BATCHING.instancesPerRequest)} requests of ${BATCHING.instancesPerRequest} instances, ${BATCHING.inFlight} in flight`;
  const pressureBefore = await describeCpuPressure(true);
  context.log(
    `  STOW-RS import of ${series.files.length} instances (${(series.totalBytes / 1e6).toFixed(1)} MB): ${batching}; a warm-up and ${runs} timed passes per server …`,
  );
  context.log(`  ${pressureBefore}`);

  const ours = await openSide('voxelhub serve (SQLite)', startOurTarget);
  const peer = orthancAvailable
    ? await openSide('Orthanc', startOrthancTarget)
    : {
        tool: 'Orthanc',
        runs: [],
        skipped:
          'Orthanc or its DICOMweb plugin is not installed (paths in test-support/orthanc.ts; VOXELHUB_TEST_ORTHANC overrides)',
      };
  try {
    for (let pass = 0; pass <= runs; pass++) {
      // Built before the clock starts: reading and copying the files is not part of the import.
      const requests = stowRequests(seriesCopy(series, pass + 1), BATCHING.instancesPerRequest);
      const order = pass % 2 === 0 ? [ours, peer] : [peer, ours];
      for (const side of order) await runPass(side, requests, series.files.length, pass > 0);
    }
  } finally {
    await Promise.all([ours.target?.stop(), peer.target?.stop()]);
  }

  const row = resultRow(ours, peer, series.files.length, batching);
  const pressureAfter = await describeCpuPressure(false);
  context.log('');
  context.log(formatResults([row]));
  context.log(`  ${pressureAfter}`);
  const file = join(context.outDir, 'server-stow-results.json');
  const json = {
    suite: 'server',
    measure: 'stow-import',
    date: new Date().toISOString(),
    environment: [pressureBefore, pressureAfter],
    batching: BATCHING,
    results: [row],
  };
  await writeFile(file, `${JSON.stringify(json, null, 2)}\n`);
  context.log(`  written to ${file}`);
}

async function openSide(tool: string, start: () => Promise<StowTarget>): Promise<Side> {
  try {
    const target = await start();
    return { tool: target.tool, target, runs: [] };
  } catch (error) {
    return { tool, runs: [], error: `did not start: ${firstLines((error as Error).message)}` };
  }
}

/** One pass into one server; a failure ends that side (stopped, no figure) but not the other. */
async function runPass(side: Side, requests: StowRequests, instances: number, timed: boolean): Promise<void> {
  const target = side.target;
  if (!target || side.error || side.skipped) return;
  try {
    const { url, headers } = await target.nextPass();
    const outcome = await sendStow(url, headers, requests, BATCHING.inFlight);
    if (outcome.stored !== instances) throw new Error(`stored ${outcome.stored} of ${instances} instances`);
    await target.checkPass(instances);
    if (timed) side.runs.push(outcome.seconds);
  } catch (error) {
    side.error = `${timed ? 'a timed' : 'the warm-up'} pass failed: ${firstLines((error as Error).message)}`;
  }
}

function sideResult(side: Side, instances: number): SideResult {
  if (side.skipped) return { tool: side.tool, skipped: side.skipped };
  if (side.error || side.runs.length === 0) return { tool: side.tool, error: side.error ?? 'no timed pass' };
  const seconds = median(side.runs);
  return {
    tool: side.tool,
    seconds,
    runs: side.runs,
    rate: { value: instances / seconds, unit: 'instances/s' },
  };
}

function resultRow(ours: Side, peer: Side, instances: number, batching: string): ResultRow {
  const oursResult = sideResult(ours, instances);
  const peerResult = sideResult(peer, instances);
  const ratio = ratioOf(oursResult, peerResult);
  return {
    id: 'stow-import-300',
    measure: `STOW-RS import, ${instances} instances`,
    ours: oursResult,
    peer: peerResult,
    ...(ratio === undefined ? {} : { ratio }),
    notes: [
      `same client for both (Node fetch from the benchmark process): ${batching}; seconds from the first request sent to the last answer read, bodies built beforehand; every answer must be 200 and list each instance as stored, and the server must then hold exactly the new instances`,
      'each pass is a new copy of the series (every UID rewritten), so nothing is a duplicate; ours stores each pass into a new project, Orthanc into its one store; one untimed warm-up pass per server',
      'both on SQLite in a new folder on the same file system; Orthanc fsyncs each file (SyncStorageArea defaults to true), ours fsyncs each blob and commits each instance',
      `timed passes: ours ${formatRuns(ours.runs)}; Orthanc ${formatRuns(peer.runs)}`,
    ],
  };
}

function formatRuns(runs: readonly number[]): string {
  return runs.length ? runs.map((s) => `${s.toFixed(2)} s`).join(', ') : 'none';
}

function firstLines(message: string): string {
  return message.split('\n').slice(0, 6).join('\n');
}
