import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as segmentation from './index.js';

/** Every package a module pulls in, following its relative imports through core's sources. */
function packagesImportedBy(entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const [, specifier] of source.matchAll(/(?:from|import)\s*'([^']+)'/g)) {
      if (specifier!.startsWith('.'))
        pending.push(resolve(dirname(file), specifier!.replace(/\.js$/, '.ts')));
      else packages.add(specifier!);
    }
  }
  return packages;
}

describe('@voxelhub/core/segmentation', () => {
  it('exports the mask editor operations', () => {
    expect(Object.keys(segmentation).sort()).toEqual([
      'fillHoles',
      'interpolateBetweenSlices',
      'labelMapFromNifti',
      'labelMapOntoGrid',
      'labelMapToNifti',
      'segmentVoxelCounts',
    ]);
  });

  it('pulls in no codec and no node: module, only fflate (it is loaded by the browser)', () => {
    const entry = fileURLToPath(new URL('./index.ts', import.meta.url));
    expect([...packagesImportedBy(entry)]).toEqual(['fflate']);
  });
});
