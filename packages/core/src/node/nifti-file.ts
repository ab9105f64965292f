import { constants as bufferConstants } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import { access, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { gunzipSync, constants as zlibConstants } from 'node:zlib';
import { ImageReadError } from '../errors/image-read-error.js';
import { isGzip } from '../nifti/gunzip.js';
import type { NiftiHeader } from '../nifti/nifti-header.js';
import { readNifti } from '../nifti/read-nifti.js';
import { readNiftiHeader } from '../nifti/read-nifti-header.js';
import { niftiParts, type WriteNiftiOptions } from '../nifti/write-nifti.js';
import type { ImageVolume } from '../volume/image-volume.js';
import { readWholeFile } from './file-bytes.js';
import { gzipParallelChunks } from './gzip/gzip-parallel.js';

/** Deflate expands at most 1032:1; more from a gzip file is a bomb, not an image. */
const MAX_GZIP_RATIO = 1032;

/** Room for bytes after the voxels that some writers leave (they are ignored). */
const TRAILING_SLACK = 1 << 20;

/** The bytes a NIfTI header says its file holds: header, extensions and voxels. */
function niftiFileBytes(header: NiftiHeader): number {
  const rank = header.dim[0]!;
  let voxels = 1;
  for (let i = 1; i <= rank; i++) voxels *= header.dim[i]!;
  return header.voxOffset + (voxels * header.bitpix) / 8;
}

/**
 * Node's zlib (about 1.7× faster than fflate, and it reads every member of a multi-member gzip),
 * inflating no more than the header says the file holds: the header is read from a prefix first, so
 * neither a forged gzip trailer nor a bomb of zeros after the voxels can make it allocate more.
 */
function zlibGunzipNifti(bytes: Uint8Array, file: string): Uint8Array {
  const prefix = gunzipSync(bytes.subarray(0, Math.min(bytes.length, 1 << 16)), {
    finishFlush: zlibConstants.Z_SYNC_FLUSH,
  });
  const header = readNiftiHeader(new Uint8Array(prefix.buffer, prefix.byteOffset, prefix.byteLength), {
    file,
  });
  const limit = Math.min(
    bufferConstants.MAX_LENGTH,
    bytes.length * MAX_GZIP_RATIO + 1024,
    niftiFileBytes(header) + TRAILING_SLACK,
  );
  try {
    const out = gunzipSync(bytes, { maxOutputLength: limit });
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new ImageReadError(
        'LIMIT_EXCEEDED',
        `the gzip data inflates to more than the ${limit} bytes its header accounts for`,
        file,
      );
    }
    throw new ImageReadError('CODEC_FAILED', `gzip data is corrupt: ${(error as Error).message}`, file);
  }
}

function zlibGunzip(bytes: Uint8Array): Uint8Array {
  const out = gunzipSync(bytes, {
    maxOutputLength: Math.min(bufferConstants.MAX_LENGTH, bytes.length * MAX_GZIP_RATIO + 1024),
  });
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** The first of `candidates` that exists, if any. */
async function firstExisting(candidates: readonly string[]): Promise<string | undefined> {
  for (const c of candidates) if (await exists(c)) return c;
  return undefined;
}

/** The other half of a .hdr/.img pair: same name, other extension, gzipped or not. */
function partner(path: string, from: 'hdr' | 'img'): string[] {
  const to = from === 'hdr' ? 'img' : 'hdr';
  const stem = path.replace(new RegExp(`\\.${from}(\\.gz)?$`, 'i'), '');
  const upper = /\.(HDR|IMG)(\.GZ)?$/.test(path);
  const ext = upper ? to.toUpperCase() : to;
  return [`${stem}.${ext}`, `${stem}.${ext}${upper ? '.GZ' : '.gz'}`];
}

/**
 * Reads a .nii, .nii.gz, or a .hdr/.img pair (given either half, gzipped or not), gunzipping with
 * Node's zlib. Failures are ImageReadErrors naming the file (IO for a missing half of a pair).
 */
export async function readNiftiFile(path: string): Promise<ImageVolume> {
  const options = { file: path, gunzip: zlibGunzip };
  if (/\.img(\.gz)?$/i.test(path)) {
    const hdr = await firstExisting(partner(path, 'img'));
    if (!hdr)
      throw new ImageReadError('IO', `the header of this .img is missing (${partner(path, 'img')[0]})`, path);
    return readNifti(await readWholeFile(hdr), { ...options, file: hdr, img: await readWholeFile(path) });
  }
  const stored = await readWholeFile(path);
  const bytes = isGzip(stored) && !/\.hdr(\.gz)?$/i.test(path) ? zlibGunzipNifti(stored, path) : stored;
  if (/\.hdr(\.gz)?$/i.test(path)) {
    const img = await firstExisting(partner(path, 'hdr'));
    // Without the .img, readNifti reads a single-file header or names the missing .img.
    if (img) return readNifti(bytes, { ...options, img: await readWholeFile(img) });
  }
  return readNifti(bytes, options);
}

export interface WriteNiftiFileOptions extends WriteNiftiOptions {
  /** Gzip the file; default: when the path ends in .gz. */
  compress?: boolean;
  /** Gzip level 0–9 (default 6). */
  level?: number;
  /** Gzip worker threads (default all cores). */
  threads?: number;
}

/** Writes `bytes` to a temporary file beside `path`, flushes it, then renames it over `path`. */
async function writeAtomically(path: string, parts: readonly Uint8Array[]): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`);
  try {
    const handle = await open(temp, 'wx');
    try {
      // writeFile continues from the current position and loops until each part is written whole.
      for (const part of parts) await handle.writeFile(part);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/**
 * Writes `image` as a single-file NIfTI (.nii, or .nii.gz gzipped on all cores as one gzip member).
 * Atomic: readers of `path` see the old file or the whole new one, never a part.
 */
export async function writeNiftiFile(
  path: string,
  image: ImageVolume,
  options: WriteNiftiFileOptions = {},
): Promise<void> {
  if (/\.(hdr|img)(\.gz)?$/i.test(path)) {
    throw new RangeError(
      `writeNiftiFile writes single-file NIfTI (.nii or .nii.gz), not a .hdr/.img pair: ${path}`,
    );
  }
  const { compress = /\.gz$/i.test(path), level, threads } = options;
  if (!compress) {
    await writeAtomically(path, niftiParts(image, options));
    return;
  }
  await writeAtomically(path, await gzipParallelChunks(niftiParts(image, options), { level, threads }));
}
