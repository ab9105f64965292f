import type { z } from 'zod';
import { ImageReadError } from '../../errors/image-read-error.js';
import { readNifti } from '../../nifti/read-nifti.js';
import { labelMapFromNifti } from '../../segmentation/label-map-nifti.js';
import type { ExportFile } from '../export-dataset.js';
import type { ImportedSegmentationCase } from './imported-segmentation-dataset.js';

/** The files of one dataset folder, found by its dataset.json, with paths relative to that folder. */
export interface SegmentationFolder {
  /** The folder's path among the files given ('' when dataset.json is at the top). */
  readonly root: string;
  readonly files: ReadonlyMap<string, Uint8Array>;
}

function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** The folder holding the one shallowest dataset.json; ImageReadError when there is none or two. */
export function segmentationFolder(files: readonly ExportFile[]): SegmentationFolder {
  const jsons = files.filter((f) => f.path === 'dataset.json' || f.path.endsWith('/dataset.json'));
  const depth = (path: string) => path.split('/').length;
  const shallowest = Math.min(...jsons.map((f) => depth(f.path)));
  const tops = jsons.filter((f) => depth(f.path) === shallowest);
  if (tops.length !== 1) {
    throw new ImageReadError(
      tops.length === 0 ? 'IO' : 'MALFORMED',
      tops.length === 0
        ? 'no dataset.json among the files'
        : `several dataset.json: ${tops.map((f) => f.path).join(', ')}`,
    );
  }
  const root = parentOf(tops[0]!.path);
  const prefix = root ? `${root}/` : '';
  const inside = new Map<string, Uint8Array>();
  for (const f of files) if (f.path.startsWith(prefix)) inside.set(f.path.slice(prefix.length), f.bytes);
  return { root, files: inside };
}

/** A path of the folder as the caller named it. */
export function fullPath(folder: SegmentationFolder, path: string): string {
  return folder.root ? `${folder.root}/${path}` : path;
}

/** dataset.json parsed and checked; what is wrong is an ImageReadError naming the file. */
export function readDatasetJson<T extends z.ZodType>(folder: SegmentationFolder, schema: T): z.infer<T> {
  const file = fullPath(folder, 'dataset.json');
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(folder.files.get('dataset.json')));
  } catch (error) {
    throw new ImageReadError('MALFORMED', `not JSON: ${(error as Error).message}`, file);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`);
    throw new ImageReadError('MALFORMED', issues.join('; '), file);
  }
  return parsed.data;
}

function bytesOf(folder: SegmentationFolder, path: string): Uint8Array {
  const bytes = folder.files.get(path);
  if (!bytes)
    throw new ImageReadError(
      'IO',
      'dataset.json or the layout names it, but it is not among the files',
      fullPath(folder, path),
    );
  return bytes;
}

/** A training case: its label map and geometry from the label file, after checking its images are there. */
export function trainingCase(
  folder: SegmentationFolder,
  caseName: string,
  imagePaths: readonly string[],
  labelPath: string,
  classCount: number,
): ImportedSegmentationCase {
  for (const path of imagePaths) bytesOf(folder, path);
  const file = fullPath(folder, labelPath);
  let read: ReturnType<typeof labelMapFromNifti>;
  try {
    read = labelMapFromNifti(bytesOf(folder, labelPath));
  } catch (error) {
    throw error instanceof ImageReadError ? error.withFile(file) : error;
  }
  for (const value of read.map.voxels) {
    if (value > classCount) {
      throw new ImageReadError('MALFORMED', `holds label ${value}; dataset.json lists 0–${classCount}`, file);
    }
  }
  return {
    caseName,
    split: 'train',
    imagePaths: imagePaths.map((p) => fullPath(folder, p)),
    geometry: read.geometry,
    labelMap: read.map,
  };
}

/** A test case: the geometry of its first image file. */
export function testCase(
  folder: SegmentationFolder,
  caseName: string,
  imagePaths: readonly string[],
): ImportedSegmentationCase {
  const image = readNifti(bytesOf(folder, imagePaths[0]!), { file: fullPath(folder, imagePaths[0]!) });
  const { dims, spacing, origin, direction } = image;
  return {
    caseName,
    split: 'test',
    imagePaths: imagePaths.map((p) => fullPath(folder, p)),
    geometry: { dims, spacing, origin, direction },
  };
}
