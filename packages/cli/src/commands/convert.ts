import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { asReadError, type ImageReadError, type ImageSummary, type ImageVolume } from '@voxelhub/core';
import { describeInputs, loadFoundImage, writeNiftiFile } from '@voxelhub/core/node';
import { ProgressBar } from '../terminal/progress-bar.js';
import { reportFailures, reportSkipped } from '../terminal/report.js';
import { outputStems } from './output-names.js';

export interface ConvertOptions {
  readonly output: string;
  readonly uncompressed?: boolean;
}

/** Writes beside the target, then renames: a reader never sees half a sidecar. */
async function writeTextAtomically(path: string, text: string): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, text);
  await rename(temp, path);
}

/** The JSON sidecar written beside each NIfTI, in the spirit of dcm2niix's BIDS sidecar. */
function sidecar(summary: ImageSummary, image: ImageVolume): Record<string, unknown> {
  const m = image.meta;
  return {
    Modality: summary.modality ?? undefined,
    SeriesDescription: summary.seriesDescription ?? undefined,
    SeriesNumber: summary.seriesNumber ?? undefined,
    SeriesInstanceUID: summary.seriesInstanceUID ?? undefined,
    Manufacturer: m.manufacturer,
    SliceThickness: m.sliceThickness,
    RepetitionTime: m.repetitionTimeMs !== undefined ? m.repetitionTimeMs / 1000 : undefined,
    EchoTime: m.echoTimeMs !== undefined ? m.echoTimeMs / 1000 : undefined,
    SourceFormat: summary.format,
    SourcePath: summary.path,
    SourceFiles: summary.files,
    TransferSyntaxUIDs: summary.transferSyntaxes.length ? summary.transferSyntaxes : undefined,
    Dimensions: summary.dims,
    VoxelSpacing: summary.spacing,
    DataType: image.dataType,
    PhotometricInterpretation: image.photometricInterpretation,
    FrameTimesMs: image.frameTimesMs,
    Warnings: [...image.warnings],
    ConversionSoftware: 'voxelhub',
  };
}

/** `voxelhub convert`: one NIfTI and one JSON sidecar per image found. Returns the exit code. */
export async function convertCommand(paths: string[], options: ConvertOptions): Promise<number> {
  const scanBar = new ProgressBar('indexing');
  const found = await describeInputs(paths, { onProgress: (p) => scanBar.update(p.done, p.total) });
  scanBar.done();
  reportSkipped(found.skipped);
  const failed: ImageReadError[] = [...found.failed];
  await mkdir(options.output, { recursive: true });
  const stems = outputStems(found.images.map((i) => i.summary));
  const extension = options.uncompressed ? '.nii' : '.nii.gz';
  const bar = new ProgressBar('converting');
  for (const [i, item] of found.images.entries()) {
    bar.update(i, found.images.length, stems[i]);
    try {
      const image = await loadFoundImage(item, {
        onProgress: (done, total) => bar.update(i + done / total, found.images.length, stems[i]),
      });
      const target = join(options.output, `${stems[i]}${extension}`);
      await writeNiftiFile(target, image, { compress: !options.uncompressed });
      const json = JSON.stringify(sidecar(item.summary, image), null, 2);
      await writeTextAtomically(join(options.output, `${stems[i]}.json`), `${json}\n`);
      bar.print(target);
    } catch (error) {
      failed.push(asReadError(error, 'IO', item.summary.path));
    }
  }
  bar.done();
  reportFailures(failed);
  return failed.length > 0 ? 1 : 0;
}
