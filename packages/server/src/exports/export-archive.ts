import { createWriteStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';

/** Files already compressed gain nothing from deflate; they are stored as they are, which is faster. */
const STORED = /\.(gz|zip|png|jpe?g|webp|npz)$/i;

export interface ZipFolderOptions {
  /** Every entry's modification time, so that the same files make the same archive (default now). */
  readonly mtime?: Date;
  readonly signal?: AbortSignal;
}

/**
 * Zips every file under `folder` (paths relative to it, '/'-separated, in sorted order) into `zipPath`,
 * streaming: no file is held in memory whole. Returns how many files went in and the archive's size.
 */
export async function zipFolder(
  folder: string,
  zipPath: string,
  options: ZipFolderOptions = {},
): Promise<{ files: number; bytes: number }> {
  const files = await listFiles(folder);
  const zip = new ZipFile();
  const mtime = options.mtime ?? new Date();
  for (const file of files) {
    const name = relative(folder, file).split(sep).join('/');
    zip.addFile(file, name, { mtime, compress: !STORED.test(name) });
  }
  zip.end();
  await pipeline(
    zip.outputStream,
    createWriteStream(zipPath),
    options.signal ? { signal: options.signal } : {},
  );
  return { files: files.length, bytes: (await stat(zipPath)).size };
}

/** Every regular file under `folder`, sorted by path. */
async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}
