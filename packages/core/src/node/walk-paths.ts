import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ImageReadError } from '../errors/image-read-error.js';

/**
 * Every file under the given paths (files as they are, folders recursively), sorted, each once.
 * A path that does not exist is an error naming it. Hidden files and folders (".*") are skipped.
 * Synchronous on purpose: directory entries carry their type, so a folder of thousands of files costs
 * one readdir, not a stat per file, and no promise per entry.
 */
export async function walkPaths(paths: readonly string[]): Promise<string[]> {
  const out = new Set<string>();
  const visitFolder = (folder: string): void => {
    const entries = readdirSync(folder, { withFileTypes: true })
      .filter((e) => !e.name.startsWith('.'))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) visitFolder(path);
      else if (entry.isFile()) out.add(path);
      else if (entry.isSymbolicLink()) visitTarget(path);
    }
  };
  const visitTarget = (path: string): void => {
    const info = statSync(path, { throwIfNoEntry: false });
    if (info?.isDirectory()) visitFolder(path);
    else if (info?.isFile()) out.add(path);
  };
  for (const p of paths) {
    const path = resolve(p);
    const info = statSync(path, { throwIfNoEntry: false });
    if (!info) throw new ImageReadError('IO', 'no such file or folder', path);
    try {
      if (info.isDirectory()) visitFolder(path);
      else out.add(path);
    } catch (error) {
      throw new ImageReadError('IO', `cannot read the folder: ${(error as Error).message}`, path, {
        cause: error,
      });
    }
  }
  return [...out];
}
