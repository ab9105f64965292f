import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { gunzipSync as fflateGunzip } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { ImageReadError } from '../errors/image-read-error.js';
import { readNifti } from '../nifti/read-nifti.js';
import type { ImageVolume } from '../volume/image-volume.js';
import { lpsAffine, rasAffine } from '../volume/patient-coordinates.js';
import { readNiftiFile, writeNiftiFile } from './nifti-file.js';

const testdata = (path: string) =>
  fileURLToPath(new URL(`../../../../../shared/testdata/${path}`, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'voxelhub-nifti-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function errorOf(promise: Promise<unknown>): Promise<ImageReadError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ImageReadError);
    return error as ImageReadError;
  }
  throw new Error('expected an ImageReadError');
}

/** An oblique int16 image of 5.2 MB: more than gzipParallel's 4 MB threshold, so workers run. */
function bigImage(): ImageVolume {
  const dims = [256, 256, 40] as const;
  const data = new Int16Array(dims[0] * dims[1] * dims[2]);
  for (let i = 0; i < data.length; i++) data[i] = ((i % 256) * 3 + ((i >> 8) % 256) + (i >> 16) * 17) % 3000;
  const c = Math.cos(0.2);
  const s = Math.sin(0.2);
  return {
    dims: [...dims],
    spacing: [0.9, 0.9, 3],
    origin: [-115, -98.5, -60],
    direction: [c, 0, s, 0, 1, 0, -s, 0, c],
    kind: 'volume',
    timepoints: 1,
    dataType: 'int16',
    samplesPerPixel: 1,
    photometricInterpretation: 'MONOCHROME2',
    data,
    meta: {},
    warnings: [],
  };
}

describe('readNiftiFile', () => {
  it('reads .nii and .nii.gz as readNifti does', async () => {
    for (const file of [
      'nibabel/anatomical.nii',
      'nibabel/example4d.nii.gz',
      'nibabel/example_nifti2.nii.gz',
    ]) {
      const image = await readNiftiFile(testdata(file));
      const direct = readNifti(new Uint8Array(readFileSync(testdata(file))));
      expect(image.dims).toEqual(direct.dims);
      expect(lpsAffine(image)).toEqual(lpsAffine(direct));
      expect(Buffer.compare(Buffer.from(image.data.buffer), Buffer.from(direct.data.buffer))).toBe(0);
    }
  });

  it('a .hdr without its .img names the .img; a missing file is IO', async () => {
    const error = await errorOf(readNiftiFile(testdata('nibabel/nifti1.hdr')));
    expect(error.code).toBe('IO');
    expect(error.message).toContain(testdata('nibabel/nifti1.img'));
    expect((await errorOf(readNiftiFile(join(dir, 'absent.nii')))).code).toBe('IO');
  });

  it('reads a .hdr/.img pair from either half, the .img gzipped', async () => {
    copyFileSync(testdata('nibabel/nifti1.hdr'), join(dir, 'pair.hdr'));
    const voxels = new Int16Array(91 * 109 * 91).map((_, i) => i % 1000);
    writeFileSync(join(dir, 'pair.img.gz'), gzipSync(new Uint8Array(voxels.buffer)));
    for (const path of ['pair.hdr', 'pair.img.gz']) {
      const image = await readNiftiFile(join(dir, path));
      expect(image.dims).toEqual([91, 109, 91]);
      expect(Buffer.compare(Buffer.from(image.data.buffer), Buffer.from(voxels.buffer))).toBe(0);
    }
  });
});

describe('writeNiftiFile', () => {
  it('writes .nii.gz as one gzip member, atomically, that reads back exactly', async () => {
    const image = bigImage();
    const path = join(dir, 'big.nii.gz');
    writeFileSync(path, 'an older file that must be replaced whole');
    await writeNiftiFile(path, image);
    expect(readdirSync(dir).filter((f) => f.includes('big'))).toEqual(['big.nii.gz']); // no temp file left
    const gz = new Uint8Array(readFileSync(path));
    expect(fflateGunzip(gz).length).toBe(352 + image.data.byteLength); // fflate reads member 1 only
    if (spawnSync('gzip', ['--version']).status === 0) expect(spawnSync('gzip', ['-t', path]).status).toBe(0);
    const back = await readNiftiFile(path);
    expect(Buffer.compare(Buffer.from(back.data.buffer), Buffer.from(image.data.buffer))).toBe(0);
    lpsAffine(back).forEach((v, i) => expect(Math.abs(v - lpsAffine(image)[i]!)).toBeLessThan(1e-5));
  });

  it('writes .nii uncompressed unless asked, and refuses .hdr', async () => {
    const image = bigImage();
    await writeNiftiFile(join(dir, 'plain.nii'), image, { version: 2 });
    expect(readFileSync(join(dir, 'plain.nii')).readInt32LE(0)).toBe(540);
    await writeNiftiFile(join(dir, 'forced.nii'), image, { compress: true, level: 1 });
    expect(readFileSync(join(dir, 'forced.nii'))[0]).toBe(0x1f);
    await expect(writeNiftiFile(join(dir, 'x.hdr'), image)).rejects.toThrow(RangeError);
  });

  const hasNibabel =
    spawnSync('/usr/bin/python3', ['-c', 'import nibabel'], { encoding: 'utf8' }).status === 0;
  if (!hasNibabel) console.warn('skipping the nibabel check: /usr/bin/python3 cannot import nibabel');
  it.skipIf(!hasNibabel)(
    'nibabel reads the parallel-gzipped .nii.gz with the right affine and values',
    async () => {
      const image = bigImage();
      const path = join(dir, 'for-nibabel.nii.gz');
      await writeNiftiFile(path, image, { threads: 2 });
      const script =
        'import sys, json, numpy as np, nibabel as nib; i = nib.load(sys.argv[1]); d = np.asanyarray(i.dataobj); ' +
        'print(json.dumps(dict(affine=i.affine.tolist(), shape=list(d.shape), dtype=str(d.dtype), sum=int(d.sum(dtype=np.int64)), v=int(d[200, 100, 30]))))';
      const run = spawnSync('/usr/bin/python3', ['-c', script, path], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      const nib = JSON.parse(run.stdout);
      expect(nib.shape).toEqual([256, 256, 40]);
      expect(nib.dtype).toBe('int16');
      let sum = 0;
      for (const v of image.data) sum += v;
      expect(nib.sum).toBe(sum);
      expect(nib.v).toBe(image.data[200 + 256 * (100 + 256 * 30)]);
      (nib.affine as number[][])
        .flat()
        .forEach((v, i) => expect(Math.abs(v - rasAffine(image)[i]!)).toBeLessThan(1e-5));
    },
  );
});

describe('readNiftiFile on hostile gzip', () => {
  it('does not trust a gzip trailer that claims 300 MiB', async () => {
    const bytes = new Uint8Array(readFileSync(testdata('nibabel/example4d.nii.gz')));
    new DataView(bytes.buffer).setUint32(bytes.length - 4, 300 * 2 ** 20, true);
    const path = join(dir, 'forged-trailer.nii.gz');
    writeFileSync(path, bytes);
    const before = process.memoryUsage().arrayBuffers;
    await expect(readNiftiFile(path)).rejects.toBeInstanceOf(ImageReadError);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 2 ** 20);
  });

  it('stops inflating at what the header accounts for: zeros after the voxels are a bomb', async () => {
    const nii = gunzipSync(readFileSync(testdata('nibabel/standard.nii.gz')));
    const bomb = gzipSync(Buffer.concat([nii, Buffer.alloc(64 * 2 ** 20)]), { level: 1 });
    const path = join(dir, 'bomb.nii.gz');
    writeFileSync(path, bomb);
    await expect(readNiftiFile(path)).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED', file: path });
  });
});
