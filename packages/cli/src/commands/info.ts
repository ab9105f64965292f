import type { ImageSummary } from '@voxelhub/core';
import { describeInputs } from '@voxelhub/core/node';
import { ProgressBar } from '../terminal/progress-bar.js';
import { reportFailures, reportSkipped } from '../terminal/report.js';
import { formatTable } from '../terminal/table.js';

export interface InfoOptions {
  readonly json?: boolean;
}

/** The JSON record of one image, in the field order the docs give. */
function record(s: ImageSummary) {
  return {
    path: s.path,
    format: s.format,
    kind: s.kind,
    modality: s.modality,
    seriesInstanceUID: s.seriesInstanceUID,
    seriesDescription: s.seriesDescription,
    seriesNumber: s.seriesNumber,
    dims: s.dims,
    spacing: s.spacing,
    origin: s.origin,
    direction: s.direction,
    dtype: s.dtype,
    samplesPerPixel: s.samplesPerPixel,
    frames: s.frames,
    files: s.files,
    transferSyntaxes: s.transferSyntaxes,
    warnings: s.warnings,
  };
}

const fixed = (values: readonly number[], digits: number) => values.map((v) => +v.toFixed(digits)).join('×');

function table(summaries: ImageSummary[]): string {
  const rows = summaries.map((s) => [
    s.format,
    s.modality ?? '',
    s.dims.join('×'),
    fixed(s.spacing, 3),
    s.dtype + (s.samplesPerPixel === 3 ? ' RGB' : ''),
    String(s.files),
    (s.seriesDescription ?? '').slice(0, 28),
    s.path,
  ]);
  const lines = [
    formatTable(['format', 'mod', 'dims', 'spacing (mm)', 'dtype', 'files', 'description', 'path'], rows),
  ];
  for (const s of summaries) for (const w of s.warnings) lines.push(`warning: ${s.path}: ${w}`);
  return lines.join('\n');
}

/** `voxelhub info`: one record per series or volume found under the paths. Returns the exit code. */
export async function infoCommand(paths: string[], options: InfoOptions): Promise<number> {
  const progress = new ProgressBar('indexing');
  const result = await describeInputs(paths, { onProgress: (p) => progress.update(p.done, p.total) });
  progress.done();
  const summaries = result.images.map((i) => i.summary);
  process.stdout.write(
    options.json ? `${JSON.stringify(summaries.map(record), null, 2)}\n` : `${table(summaries)}\n`,
  );
  reportSkipped(result.skipped);
  reportFailures(result.failed);
  return result.failed.length > 0 ? 1 : 0;
}
