import { open } from 'node:fs/promises';
import type { SourceItem } from './import-job.js';

/**
 * The largest single file an import reads: parsing and hashing an image needs its bytes in memory, so
 * this bounds what one item can cost, whatever the size of the upload it came in (an archive's entries
 * are read one at a time, each under this limit too).
 */
export const MAX_IMPORT_FILE_BYTES = 1024 ** 3;

/**
 * A file read whole for import, or the item's failure: TOO_LARGE past the limit (checked before reading,
 * so a huge file costs nothing), IO when it can't be read. `name` is what reports call it.
 */
export async function readWholeFile(
  path: string,
  name: string,
  limit = MAX_IMPORT_FILE_BYTES,
): Promise<SourceItem> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, 'r');
    const { size } = await handle.stat();
    if (size > limit)
      return {
        kind: 'failed',
        code: 'TOO_LARGE',
        reason: `${name}: ${size} bytes, more than the ${limit} bytes one image file may have (put large studies in a zip, or import their files one by one)`,
      };
    return { kind: 'file', file: { name, bytes: new Uint8Array(await handle.readFile()) } };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return { kind: 'failed', code: 'IO', reason: `${name}: cannot be read (${code})` };
  } finally {
    await handle?.close();
  }
}
