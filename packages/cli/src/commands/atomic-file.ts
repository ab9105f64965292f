import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `bytes` to a hidden temp file beside `path`, then renames it: a reader, or a run that stops
 * half way, never sees half a file under the final name. Parent folders are created.
 */
export async function writeFileAtomically(
  path: string,
  bytes: Uint8Array | string,
  options: { mode?: number } = {},
): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.partial`);
  try {
    // The mode is set at creation: a private file is never readable by others, not even for a moment.
    await writeFile(temp, bytes, { mode: options.mode ?? 0o666 });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
