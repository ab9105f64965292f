import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rasAffine } from '../volume/patient-coordinates.js';
import { readNiftiFile } from './nifti-file.js';

/**
 * Files written by nibabel itself (Debian's python3-nibabel, which .ci/run installs), read back by
 * Voxelhub: the affine must be nibabel's own `img.affine` (RAS) and the values its `get_fdata()`.
 */
const PYTHON = '/usr/bin/python3';
const hasNibabel = spawnSync(PYTHON, ['-c', 'import nibabel'], { encoding: 'utf8' }).status === 0;
if (!hasNibabel) console.warn('skipping nibabel-written files: /usr/bin/python3 cannot import nibabel');
const dir = mkdtempSync(join(tmpdir(), 'voxelhub-nibabel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Each case: how nibabel builds the image; the script prints the affine and probes nibabel reads back.
const SCRIPT = `
import sys, json, numpy as np, nibabel as nib
kind, path = sys.argv[1], sys.argv[2]
rng = np.random.default_rng(7)
data = rng.integers(-500, 1500, size=(7, 5, 4)).astype(np.int16)
t = np.deg2rad(17)
oblique = np.array([[0.9*np.cos(t), -1.2*np.sin(t), 0, -30.5], [0.9*np.sin(t), 1.2*np.cos(t), 0, 12.25],
                    [0, 0, 3.3, -41.0], [0, 0, 0, 1]])
left_handed = oblique @ np.diag([-1, 1, 1, 1])
if kind == 'sform-oblique':
    img = nib.Nifti1Image(data, oblique); img.set_qform(None, code=0); img.set_sform(oblique, code=2)
elif kind == 'qform-left-handed':
    img = nib.Nifti1Image(data, None); img.set_qform(left_handed, code=1); img.set_sform(None, code=0)
elif kind == 'nifti2-scaled':
    img = nib.Nifti2Image(data, oblique); img.header.set_slope_inter(0.5, -3.0)
elif kind == 'float-4d':
    img = nib.Nifti1Image(rng.normal(size=(6, 5, 4, 3)).astype(np.float32), left_handed)
nib.save(img, path)
back = nib.load(path)
f = back.get_fdata()
print(json.dumps(dict(affine=back.affine.tolist(), shape=list(f.shape), probes=[float(f[i, j, k] if f.ndim == 3 else f[i, j, k, 1]) for i, j, k in [(0, 0, 0), (3, 2, 1), (5, 4, 3)]])))
`;

describe.skipIf(!hasNibabel)('NIfTI files written by nibabel', () => {
  it.each([
    ['sform-oblique', 'a.nii'],
    ['qform-left-handed', 'b.nii.gz'],
    ['nifti2-scaled', 'c.nii'],
    ['float-4d', 'd.nii.gz'],
  ])('%s (%s) reads with nibabel’s affine and values', async (kind, name) => {
    const path = join(dir, name);
    const run = spawnSync(PYTHON, ['-c', SCRIPT, kind, path], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const nib = JSON.parse(run.stdout) as { affine: number[][]; shape: number[]; probes: number[] };
    const image = await readNiftiFile(path);
    expect([...image.dims, ...(image.timepoints > 1 ? [image.timepoints] : [])]).toEqual(nib.shape);
    const ours = rasAffine(image);
    nib.affine.flat().forEach((v, i) => expect(Math.abs(v - ours[i]!)).toBeLessThan(1e-5));
    const [nx, ny, nz] = image.dims;
    const offset = image.timepoints > 1 ? nx * ny * nz : 0;
    const at = (i: number, j: number, k: number) => image.data[offset + i + nx * (j + ny * k)]!;
    const probes = [at(0, 0, 0), at(3, 2, 1), at(5, 4, 3)];
    probes.forEach((v, i) => expect(v).toBeCloseTo(nib.probes[i]!, 5));
  });
});
