import { assembleSeries } from '../dicom/series/assemble-series.js';
import type { SeriesPlan } from '../dicom/series/series-plan.js';
import { seriesSummary } from '../dicom/series/series-summary.js';
import { asReadError, type ImageReadError } from '../errors/image-read-error.js';
import type { ImageSummary } from '../volume/image-summary.js';
import { describeImageFile } from './describe-image-file.js';
import { type ScannedFile, type ScanOptions, scanInputs } from './scan-inputs.js';

/** One image found under the input paths: its summary and how to load it. */
export type FoundImage =
  | { readonly source: 'dicom'; readonly plan: SeriesPlan; readonly summary: ImageSummary }
  | { readonly source: 'file'; readonly file: ScannedFile; readonly summary: ImageSummary };

export interface DescribeResult {
  readonly images: FoundImage[];
  readonly skipped: { file: string; reason: string }[];
  readonly failed: ImageReadError[];
}

/** Scans paths and describes every image in them (DICOM series, NIfTI, PNG, JPEG) from headers. */
export async function describeInputs(
  paths: readonly string[],
  options: ScanOptions = {},
): Promise<DescribeResult> {
  const scan = await scanInputs(paths, options);
  const images: FoundImage[] = assembleSeries(scan.dicom).map((plan) => ({
    source: 'dicom',
    plan,
    summary: seriesSummary(plan),
  }));
  const failed = [...scan.failed];
  for (const file of scan.images) {
    try {
      images.push({ source: 'file', file, summary: await describeImageFile(file) });
    } catch (error) {
      failed.push(asReadError(error, 'IO', file.file));
    }
  }
  return { images, skipped: scan.skipped, failed };
}
