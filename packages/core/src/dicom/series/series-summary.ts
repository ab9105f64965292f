import type { ImageSummary } from '../../volume/image-summary.js';
import { summaryGeometry } from '../../volume/image-summary.js';
import type { SeriesPlan } from './series-plan.js';
import { planFiles } from './series-plan.js';
import { realDataType } from './voxel-data-type.js';

function commonFolder(files: string[]): string {
  if (files.length === 1) return files[0]!;
  const parts = files.map((f) => f.split('/'));
  const first = parts[0]!;
  let n = 0;
  while (n < first.length - 1 && parts.every((p) => p[n] === first[n])) n++;
  return first.slice(0, n).join('/') || '/';
}

/** The `voxelhub info` record of a DICOM series, from headers only. */
export function seriesSummary(plan: SeriesPlan): ImageSummary {
  const files = planFiles(plan);
  const h = plan.frames[0]!.header;
  return {
    path: commonFolder(files),
    format: 'dicom',
    kind: plan.kind,
    modality: h.modality ?? null,
    seriesInstanceUID: h.seriesInstanceUID ?? null,
    seriesDescription: h.seriesDescription ?? null,
    seriesNumber: h.seriesNumber ?? null,
    ...summaryGeometry(plan.geometry, plan.timepoints),
    dtype: realDataType(plan),
    samplesPerPixel: h.samplesPerPixel,
    frames: plan.geometry.dims[2] * plan.timepoints,
    files: files.length,
    transferSyntaxes: [...new Set(plan.frames.map((f) => f.header.transferSyntaxUID))].sort(),
    warnings: [...plan.warnings],
  };
}
