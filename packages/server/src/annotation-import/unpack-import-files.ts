import { readFile } from 'node:fs/promises';
import type { ExportFile } from '@voxelhub/core/export';
import { ApiError } from '../errors/api-error.js';
import {
  listZipEntries,
  looksLikeZip,
  ZipArchiveError,
  type ZipLimits,
  ZipReader,
} from '../uploads/zip-archive.js';

/**
 * Why an entry path would write outside the folder it unpacks to (zip slip), if it would: absolute paths,
 * drive letters, backslashes and `..` segments. yauzl refuses these too; this names the entry plainly.
 */
export function unsafeEntryPath(path: string): string | undefined {
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return 'an absolute path';
  if (path.includes('\\')) return 'a backslash in its path';
  if (path.split('/').includes('..')) return 'a ".." segment';
  return undefined;
}

function refused(name: string, error: ZipArchiveError): ApiError {
  if (error.problem === 'TOO_LARGE') return new ApiError('PAYLOAD_TOO_LARGE', error.message);
  const slip = /invalid relative path|absolute path/i.test(error.message)
    ? ' (an entry would unpack outside the archive: absolute paths and ".." are refused)'
    : '';
  return new ApiError('VALIDATION_FAILED', `${error.message}${slip}`, [
    { path: name, message: error.message },
  ]);
}

async function unzip(path: string, name: string, limits: ZipLimits): Promise<ExportFile[]> {
  const entries = await listZipEntries(path, name, limits);
  for (const entry of entries) {
    const unsafe = unsafeEntryPath(entry.path);
    if (unsafe)
      throw new ApiError(
        'VALIDATION_FAILED',
        `${name}: entry "${entry.path}" is refused: ${unsafe} (zip slip)`,
      );
  }
  const reader = await ZipReader.open(path, name, limits);
  try {
    const files: ExportFile[] = [];
    for (const entry of entries.filter((e) => !e.skip))
      files.push({ path: entry.path, bytes: await reader.read(entry.path) });
    return files;
  } finally {
    reader.close();
  }
}

/**
 * The files of an upload: a ZIP archive's entries (folders, hidden files and __MACOSX left out; entry
 * count and inflated sizes capped by `limits`), or the one file under its own name.
 */
export async function unpackImportFiles(
  path: string,
  name: string,
  limits: ZipLimits,
): Promise<ExportFile[]> {
  try {
    if (await looksLikeZip(path)) return await unzip(path, name, limits);
  } catch (error) {
    if (error instanceof ZipArchiveError) throw refused(name, error);
    throw error;
  }
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  return [{ path: base, bytes: new Uint8Array(await readFile(path)) }];
}
