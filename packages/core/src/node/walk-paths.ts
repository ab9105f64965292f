import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ImageReadError } from '../errors/image-read-error.js';

/**
 * Every file under the given paths (files as they are, folders recursively), sorted, each once.
 * A path that does not exist is an error naming it. Hidden files and folders (".*") are skipped.
 */
export async function walkPaths(paths: readonly string[]): Promise<string[]> {
  const out = new Set<string>();
  const visit = async (path: string, explicit: boolean): Promise<void> => {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch (error) {
      if (explicit) throw new ImageReadError('IO', 'no such file or folder', path, { cause: error });
      return;
    }
    if (info.isDirectory()) {
      const names = (await readdir(path)).filter((n) => !n.startsWith('.')).sort();
      for (const name of names) await visit(join(path, name), false);
    } else if (info.isFile()) {
      out.add(path);
    }
  };
  for (const p of paths) await visit(resolve(p), true);
  return [...out];
}
