import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

/** The full path of `name` on PATH, or undefined (without running it). */
export async function findExecutable(name: string): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {}
  }
  return undefined;
}
