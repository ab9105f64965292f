import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { asReadError, ImageReadError } from '../errors/image-read-error.js';
import type { Vec3 } from '../geometry/vector.js';
import { niftiVoxelType } from '../nifti/nifti-datatype.js';
import { niftiGeometry } from '../nifti/nifti-geometry.js';
import type { NiftiHeader } from '../nifti/nifti-header.js';
import { scaledType } from '../nifti/nifti-voxels.js';
import { readNiftiHeader } from '../nifti/read-nifti-header.js';
import { readRasterImage } from '../raster/read-raster-image.js';
import { type ImageSummary, summaryGeometry } from '../volume/image-summary.js';
import { readFileHead, readWholeFile } from './file-bytes.js';
import type { ScannedFile } from './scan-inputs.js';

/** Enough bytes for a NIfTI-2 header (540) and its extender. */
const NIFTI_HEAD = 544;

/** The first bytes of a gzipped file, inflating no more than needed. */
function gunzipHead(path: string, length: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const source = createReadStream(path);
    const gunzip = createGunzip();
    const finish = () => {
      source.destroy();
      gunzip.destroy();
      resolve(new Uint8Array(Buffer.concat(chunks)).subarray(0, length));
    };
    gunzip.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= length) finish();
    });
    gunzip.on('end', finish);
    gunzip.on('error', (e) =>
      reject(new ImageReadError('MALFORMED', `gzip data is corrupt: ${e.message}`, path)),
    );
    source.on('error', (e) => reject(asReadError(e, 'IO', path)));
    source.pipe(gunzip);
  });
}

function niftiSummary(path: string, header: NiftiHeader): ImageSummary {
  const rank = header.dim[0]!;
  const dims = [1, 2, 3].map((i) => (i <= rank ? header.dim[i]! : 1)) as unknown as Vec3;
  const timepoints = rank >= 4 ? header.dim.slice(4, rank + 1).reduce((a, b) => a * b, 1) : 1;
  const { geometry, source, warnings } = niftiGeometry(header, dims);
  const type = niftiVoxelType(header.datatype);
  if (!type)
    throw new ImageReadError('UNSUPPORTED_IMAGE', `NIfTI datatype ${header.datatype} is not supported`, path);
  const scaled =
    header.sclSlope !== 0 &&
    Number.isFinite(header.sclSlope) &&
    !(header.sclSlope === 1 && header.sclInter === 0);
  return {
    path,
    format: 'nifti',
    kind: 'volume',
    modality: null,
    seriesInstanceUID: null,
    seriesDescription: header.descrip || null,
    seriesNumber: null,
    ...summaryGeometry(geometry, timepoints),
    dtype: scaled ? scaledType(type.dataType) : type.dataType,
    samplesPerPixel: type.samplesPerPixel,
    frames: dims[2] * timepoints,
    files: header.singleFile ? 1 : 2,
    transferSyntaxes: [],
    warnings: [`geometry from the ${source}`, ...warnings].filter(
      (w) => !w.startsWith('geometry from the sform'),
    ),
  };
}

/** The `voxelhub info` record of a NIfTI, PNG or JPEG file (NIfTI from its header alone). */
export async function describeImageFile(scanned: ScannedFile): Promise<ImageSummary> {
  const { file, format } = scanned;
  if (format === 'nifti' || format === 'nifti-header') {
    const gz = file.toLowerCase().endsWith('.gz');
    const head = gz ? await gunzipHead(file, NIFTI_HEAD) : (await readFileHead(file, NIFTI_HEAD)).bytes;
    return niftiSummary(file, readNiftiHeader(head, { file }));
  }
  const image = await readRasterImage(await readWholeFile(file), { file });
  return {
    path: file,
    format,
    kind: 'volume',
    modality: null,
    seriesInstanceUID: null,
    seriesDescription: null,
    seriesNumber: null,
    ...summaryGeometry(image, 1),
    dtype: image.dataType,
    samplesPerPixel: image.samplesPerPixel,
    frames: 1,
    files: 1,
    transferSyntaxes: [],
    warnings: [...image.warnings],
  };
}
