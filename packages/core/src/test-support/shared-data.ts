import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** ../shared beside the repository: real test data, read in place and never copied into the repo. */
export const SHARED = fileURLToPath(new URL('../../../../../shared/', import.meta.url));
export const TESTDATA = join(SHARED, 'testdata');

export function testdataPath(...parts: string[]): string {
  return join(TESTDATA, ...parts);
}

export function readTestdata(...parts: string[]): Uint8Array {
  return new Uint8Array(readFileSync(testdataPath(...parts)));
}

/** Every file under a testdata folder, recursively, as paths relative to TESTDATA. */
export function listTestdata(folder = ''): string[] {
  const out: string[] = [];
  const walk = (relative: string) => {
    for (const name of readdirSync(join(TESTDATA, relative)).sort()) {
      const rel = relative ? join(relative, name) : name;
      if (statSync(join(TESTDATA, rel)).isDirectory()) walk(rel);
      else out.push(rel);
    }
  };
  walk(folder);
  return out;
}
