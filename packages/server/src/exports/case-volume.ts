import { gunzipSync } from 'node:zlib';
import { type ImageVolume, loadSeries, readNifti, readRasterImage } from '@voxelhub/core';
import { zlibInflateRaw } from '@voxelhub/core/node';
import type { BlobStore } from '../blobs/blob-store.js';
import type { VersionCase } from './version-export-model.js';

async function readVolume(blobs: BlobStore, c: VersionCase): Promise<ImageVolume> {
  const { caseName } = c.image;
  if (c.plan) {
    // The plan's files are blob keys (dicom-case-plan.ts).
    return loadSeries(c.plan, { readFile: (key) => blobs.getBytes(key), inflateRaw: zlibInflateRaw });
  }
  const bytes = await blobs.getBytes(c.images.rows[0]!.blobKey);
  if (c.image.format === 'nifti') return readNifti(bytes, { file: caseName, gunzip: gunzipSync });
  return readRasterImage(bytes, { file: caseName });
}

/**
 * The voxels of one case (read when its turn comes, so an export holds one volume at a time). An image that
 * cannot be read, or whose grid is no longer the one the version recorded, is an Error naming the case.
 */
export async function loadCaseVolume(blobs: BlobStore, c: VersionCase): Promise<ImageVolume> {
  let volume: ImageVolume;
  try {
    volume = await readVolume(blobs, c);
  } catch (error) {
    throw new Error(`${c.image.caseName}: its image could not be read: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const expected = c.image.geometry.dims;
  if (volume.dims.some((d, i) => d !== expected[i]))
    throw new Error(
      `${c.image.caseName}: its image is ${volume.dims.join('×')}, the version recorded ${expected.join('×')}`,
    );
  return volume;
}
