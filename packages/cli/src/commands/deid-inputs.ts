import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import { walkPaths } from '@voxelhub/core/node';

/** A mistake in the arguments of `voxelhub deid`: printed with a pointer to --help, exit status 2. */
export class DeidUsageError extends Error {}

export interface InputFile {
  readonly path: string;
  /** '/'-separated, relative to the folder given (or, for a file given, to its folder). */
  readonly relative: string;
}

const isInside = (child: string, parent: string) => child === parent || child.startsWith(`${parent}${sep}`);

/** Every file under the given paths, each with the relative path its copy keeps. */
export async function inputFiles(paths: readonly string[]): Promise<InputFile[]> {
  const files: InputFile[] = [];
  const seen = new Set<string>();
  for (const p of paths) {
    const root = resolve(p);
    if (!existsSync(root)) throw new DeidUsageError(`${p}: no such file or folder`);
    const base = statSync(root).isDirectory() ? root : dirname(root);
    for (const path of await walkPaths([root])) {
      if (seen.has(path)) continue;
      seen.add(path);
      files.push({ path, relative: relative(base, path).split(sep).join('/') || basename(path) });
    }
  }
  return files;
}

/** Folders among the inputs: nothing may be written inside them. */
function inputFolders(paths: readonly string[]): string[] {
  return paths.map((p) => resolve(p)).filter((p) => existsSync(p) && statSync(p).isDirectory());
}

/**
 * Checks where the run would write: never inside an input folder (nor an input inside the output), and
 * not into a folder that already holds files unless `force`.
 */
export function checkOutput(output: string, paths: readonly string[], force: boolean): void {
  const out = resolve(output);
  for (const folder of inputFolders(paths))
    if (isInside(out, folder))
      throw new DeidUsageError(`the output folder ${output} is inside the input ${folder}`);
  for (const input of paths.map((p) => resolve(p)))
    if (isInside(input, out))
      throw new DeidUsageError(`the input ${input} is inside the output folder ${output}`);
  if (existsSync(out)) {
    if (!statSync(out).isDirectory()) throw new DeidUsageError(`${output} exists and is not a folder`);
    if (!force && readdirSync(out).length > 0)
      throw new DeidUsageError(`the output folder ${output} is not empty (use --force to write into it)`);
  }
}

/** A file the run writes besides the copies (key, private report): outside the inputs, and the output. */
export function checkSideFile(file: string, what: string, paths: readonly string[], output?: string): void {
  const path = resolve(file);
  for (const folder of inputFolders(paths))
    if (isInside(path, folder)) throw new DeidUsageError(`the ${what} ${file} is inside the input ${folder}`);
  if (output && isInside(path, resolve(output)))
    throw new DeidUsageError(
      `the ${what} ${file} must not be inside the output folder, which is meant to be shared`,
    );
}
