import { writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { describeCpuPressure } from '../harness/cpu-pressure.js';
import type { ResultRow } from '../harness/result-row.js';
import { formatResults } from '../harness/results-table.js';
import { describeSourceVersion } from '../harness/source-version.js';
import type { Suite, SuiteContext } from '../harness/suite.js';
import { ensureBenchmarkData } from './benchmark-data.js';
import { describeDcm2niixGzip, measureConversion } from './measure-conversion.js';
import { measureIndexing } from './measure-indexing.js';
import { measureLoading } from './measure-loading.js';
import { profileCli } from './profile-cli.js';
import { BENCHMARK_CT } from './synthetic-ct.js';

function environmentNotes(): string[] {
  const caCerts = process.env.NODE_EXTRA_CA_CERTS
    ? 'NODE_EXTRA_CA_CERTS is set here; it is unset for every Node process timed (it adds ~85 ms per start)'
    : 'NODE_EXTRA_CA_CERTS is not set';
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  return [
    `node ${process.version}, ${availableParallelism()} cores, load average ${load} at the start`,
    caCerts,
  ];
}

async function runIo(context: SuiteContext): Promise<void> {
  const data = await ensureBenchmarkData(context.outDir, context.log);
  const { columns, rows, slices } = BENCHMARK_CT;
  const notes = [
    describeSourceVersion(context.repoRoot),
    ...environmentNotes(),
    await describeCpuPressure(true),
    await describeDcm2niixGzip(),
  ];
  const megabytes = (data.totalBytes / 1e6).toFixed(1);
  context.log(`series: ${data.fileCount} files, ${megabytes} MB, ${columns}×${rows}×${slices} int16`);
  for (const note of notes) context.log(note);
  context.log('');
  const results: ResultRow[] = [
    await measureIndexing(context, data.series, data.fileCount, data.fileCount, 'index-300'),
    await measureIndexing(context, data.manyFiles, data.fileCount * 10, data.fileCount, 'index-3000'),
    await measureLoading(context, data.series, data.volumeBytes),
    ...(await measureConversion(context, data.series, [columns, rows, slices], data.volumeBytes)),
  ];
  notes.push(await describeCpuPressure(false));
  context.log('');
  context.log(formatResults(results));
  context.log(notes.at(-1)!);
  const file = join(context.outDir, 'io-results.json');
  const json = { suite: 'io', date: new Date().toISOString(), environment: notes, data, results };
  await writeFile(file, `${JSON.stringify(json, null, 2)}\n`);
  context.log(`\nwritten to ${file}`);
  if (context.profile) await profileCli(context, data.series, data.manyFiles);
}

export const ioSuite: Suite = {
  name: 'io',
  description: 'DICOM indexing, series loading and series → NIfTI, against gdcmscanner and dcm2niix',
  run: runIo,
};
