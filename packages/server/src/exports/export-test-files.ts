import { execFile, execFileSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { ExportFile } from '@voxelhub/core/export';

/** Every file under `dir`, as the core readers take them (paths relative, forward slashes). */
export async function filesUnder(dir: string): Promise<ExportFile[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: ExportFile[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.push({
      path: relative(dir, path).split(sep).join('/'),
      bytes: new Uint8Array(await readFile(path)),
    });
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : 1));
}

const NIBABEL_PAIRS = `
import json, sys
import nibabel as nib, numpy as np
out = {}
for image_path, label_path in json.loads(sys.argv[1]):
    image, label = nib.load(image_path), nib.load(label_path)
    values, counts = np.unique(np.asarray(label.dataobj), return_counts=True)
    out[label_path] = {
        "sameAffine": bool(np.array_equal(image.affine, label.affine)),
        "sameShape": image.shape[:3] == label.shape[:3],
        "counts": {str(int(v)): int(c) for v, c in zip(values, counts)},
    }
print(json.dumps(out))
`;

export interface NibabelPair {
  readonly sameAffine: boolean;
  readonly sameShape: boolean;
  /** Voxels per label value, as nibabel reads the label file. */
  readonly counts: Record<string, number>;
}

/** nibabel (the system python3) on image/label file pairs: whether they share an affine, and label counts. */
export function nibabelPairs(pairs: readonly (readonly [string, string])[]): Record<string, NibabelPair> {
  const out = execFileSync('/usr/bin/python3', ['-c', NIBABEL_PAIRS, JSON.stringify(pairs)], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return JSON.parse(out) as Record<string, NibabelPair>;
}

/**
 * dciodvfy (dicom3tools) on one file: its Error lines. As core's test-support/dciodvfy.ts does (which the
 * server's tests cannot import: it is outside the core package's exports). It exits non-zero when it finds
 * errors, so only a timeout or a signal is a failure of the run.
 */
export function dciodvfyErrors(path: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    execFile('/usr/bin/dciodvfy', [path], { timeout: 30_000 }, (error, stdout, stderr) => {
      if (error?.killed || typeof error?.code === 'string' || error?.signal) {
        reject(new Error(`dciodvfy ${path}: ${error.message}`));
        return;
      }
      const lines = `${stdout}\n${stderr}`.split('\n').map((l) => l.trim());
      resolve(lines.filter((l) => l.startsWith('Error')));
    });
  });
}
