import { loadSeries } from '../dicom/series/load-series.js';
import { readRasterImage } from '../raster/read-raster-image.js';
import type { ImageVolume } from '../volume/image-volume.js';
import type { FoundImage } from './describe-inputs.js';
import { readWholeFile } from './file-bytes.js';
import { fsRangeReader } from './fs-range-reader.js';
import { readNiftiFile } from './nifti-file.js';
import { zlibInflateRaw } from './zlib-inflate.js';

export interface LoadImageOptions {
  readonly onProgress?: (done: number, total: number) => void;
}

/** Loads the voxels of an image that describeInputs found. */
export async function loadFoundImage(
  found: FoundImage,
  options: LoadImageOptions = {},
): Promise<ImageVolume> {
  if (found.source === 'dicom') {
    return loadSeries(found.plan, {
      readFile: readWholeFile,
      rangeReader: fsRangeReader,
      inflateRaw: zlibInflateRaw,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
  }
  const { file, format } = found.file;
  if (format === 'nifti' || format === 'nifti-header') return readNiftiFile(file);
  return readRasterImage(await readWholeFile(file), { file });
}
