import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** One leak as core's leakList gives it. */
export interface Leak {
  readonly path: string;
  readonly name: string;
  readonly value: string;
}

/** The part of core's compiled de-identification this suite uses, typed loosely: core is built separately. */
export interface CoreDeid {
  deidentifyDicomFiles(
    jobs: { input: string; output: string }[],
    settings: { key: Uint8Array },
  ): { failed: { input: string; error: Error }[] } | Promise<{ failed: { input: string; error: Error }[] }>;
  leakList(input: Uint8Array, output: Uint8Array): Leak[];
}

async function importBuilt(repoRoot: string, path: string): Promise<Record<string, unknown>> {
  const entry = join(repoRoot, 'packages', 'core', 'dist', path);
  await access(entry);
  return (await import(pathToFileURL(entry).href)) as Record<string, unknown>;
}

/**
 * leakList from packages/core/dist/deid/ and deidentifyDicomFiles from dist/node/ (imported by file: it
 * is not among @voxelhub/core/node's exports yet), or an error saying what is missing.
 */
export async function importCoreDeid(repoRoot: string): Promise<CoreDeid> {
  const core = {
    ...(await importBuilt(repoRoot, 'deid/index.js')),
    ...(await importBuilt(repoRoot, 'node/deidentify-dicom-files.js')),
  } as Partial<CoreDeid>;
  const missing = (['deidentifyDicomFiles', 'leakList'] as const).filter(
    (name) => typeof core[name] !== 'function',
  );
  if (missing.length) throw new Error(`@voxelhub/core's deid module does not export ${missing.join(', ')}`);
  return core as CoreDeid;
}
