import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeApiImage } from './decode-api-image.js';

const TESTDATA = new URL('../../../../../../shared/testdata/', import.meta.url);
const read = (path: string) => new Uint8Array(readFileSync(new URL(path, TESTDATA)));

describe('decodeApiImage', () => {
  it('gunzips a .nii.gz without Node (fflate) to the same voxels as the uncompressed file', async () => {
    const gz = read('nibabel/example4d.nii.gz');
    const fromGz = await decodeApiImage('nifti', gz, 'example4d.nii.gz');
    const fromNii = await decodeApiImage('nifti', gunzipSync(gz), 'example4d.nii');
    expect(fromGz.dims).toEqual([128, 96, 24]);
    expect(fromGz.timepoints).toBe(2);
    expect(fromGz.data).toEqual(fromNii.data);
  });

  it('refuses a format it does not open, naming the file', async () => {
    await expect(decodeApiImage('dicom', new Uint8Array(4), 'x.dcm')).rejects.toThrow(/x\.dcm.*not dicom/);
  });
});
