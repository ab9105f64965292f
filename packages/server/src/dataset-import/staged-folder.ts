import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExportFile } from '@voxelhub/core/export';

/**
 * A dataset folder on disk, addressed by relative paths with forward slashes (as layouts name files).
 * Files are read one at a time, when they are needed.
 */
export interface DatasetFolder {
  readonly root: string;
  /** Every file under root, relative, sorted. */
  readonly paths: readonly string[];
  read(path: string): Promise<Uint8Array>;
  readText(path: string): Promise<string>;
  /** ExportFiles of these paths, for the annotation import's readers. */
  files(paths: readonly string[]): Promise<ExportFile[]>;
}

async function walk(root: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(join(root, prefix), { withFileTypes: true });
  const found: string[] = [];
  for (const entry of entries) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...(await walk(root, path)));
    else if (entry.isFile()) found.push(path);
  }
  return found;
}

/** The folder at `root`, every file under it listed (symbolic links are not followed). */
export async function openDatasetFolder(root: string): Promise<DatasetFolder> {
  const paths = (await walk(root)).sort();
  const read = async (path: string) => new Uint8Array(await readFile(join(root, ...path.split('/'))));
  return {
    root,
    paths,
    read,
    readText: async (path) => new TextDecoder().decode(await read(path)),
    files: async (list) => Promise.all(list.map(async (path) => ({ path, bytes: await read(path) }))),
  };
}
