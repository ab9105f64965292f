import { open } from 'node:fs/promises';

/** Errors from platforms/filesystems that cannot fsync a directory (Windows, some network mounts). */
const UNSUPPORTED = new Set(['EISDIR', 'EINVAL', 'EPERM', 'EBADF', 'ENOTSUP']);

/**
 * Makes a directory's entries (a file created, renamed or removed in it) durable. Without this a rename can
 * be lost on power failure even though the file's own data was fsynced.
 */
export async function fsyncDirectory(path: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, 'r');
    await handle.sync();
  } catch (error) {
    if (!UNSUPPORTED.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
  } finally {
    await handle?.close();
  }
}
