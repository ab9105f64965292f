import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors/api-error.js';
import { type InspectionOutcome, inspectedUpload } from './inspected-upload.js';
import { LabelMapInspector } from './label-map-inspector.js';
import { labelMapNifti, torsoLabelMap } from './label-map-test-data.js';

const testdata = new URL('../../../../../shared/testdata/', import.meta.url);
const shared = (path: string) => new Uint8Array(readFileSync(new URL(path, testdata)));

/** Streams `bytes` in `chunk`-byte pieces through the inspection; the grid, or the error's message. */
async function inspect(bytes: Uint8Array, chunk = 4096, max = 1 << 30): Promise<unknown> {
  const pieces = Array.from({ length: Math.ceil(bytes.length / chunk) }, (_, i) =>
    bytes.subarray(i * chunk, (i + 1) * chunk),
  );
  const outcome: InspectionOutcome = {};
  const passed: Uint8Array[] = [];
  try {
    for await (const piece of inspectedUpload(Readable.from(pieces), new LabelMapInspector(max), outcome))
      passed.push(piece);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return { code: error.code, message: error.message };
  }
  // What the store is given is exactly what was sent.
  expect(Buffer.concat(passed)).toEqual(Buffer.from(bytes));
  return outcome.dims;
}

/** A copy of a NIfTI-1 file with dim[index] (int16 at 40 + 2·index, little-endian) set to `value`. */
function withDim(bytes: Uint8Array, index: number, value: number): Uint8Array {
  const copy = bytes.slice();
  new DataView(copy.buffer).setInt16(40 + 2 * index, value, true);
  return copy;
}

describe('LabelMapInspector through inspectedUpload', () => {
  it('accepts integer NIfTI-1 and NIfTI-2 label maps, plain or gzipped, in any chunking', async () => {
    for (const dataType of ['uint8', 'int16', 'uint16'] as const) {
      const nifti = labelMapNifti([5, 4, 3], { dataType });
      expect(await inspect(nifti)).toEqual([5, 4, 3]);
      expect(await inspect(nifti, 1)).toEqual([5, 4, 3]);
      expect(await inspect(gzipSync(nifti), 7)).toEqual([5, 4, 3]);
    }
    expect(await inspect(labelMapNifti([6, 2, 2], { version: 2 }), 13)).toEqual([6, 2, 2]);
  });

  it('accepts real files: NiiVue’s torso label map (gzipped) and a big-endian int16 volume', async () => {
    expect(await inspect(torsoLabelMap(), 1000)).toEqual([384, 320, 89]);
    expect(await inspect(shared('nibabel/anatomical.nii'))).toEqual([33, 41, 25]);
    expect(await inspect(shared('nibabel/standard.nii.gz'), 5)).toEqual([4, 5, 7]);
  });

  it('accepts trailing dimensions of 1 and refuses a fourth dimension', async () => {
    const nifti = labelMapNifti([3, 3, 2]);
    expect(await inspect(withDim(withDim(nifti, 0, 5), 4, 1))).toEqual([3, 3, 2]);
    expect(await inspect(withDim(withDim(nifti, 0, 4), 4, 2))).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('a label map is 3D'),
    });
    expect(await inspect(shared('nibabel/functional.nii'))).toMatchObject({
      message: expect.stringContaining('17×21×3×20'),
    });
  });

  it('refuses float voxels, header-only files and garbage, saying why', async () => {
    expect(await inspect(labelMapNifti([2, 2, 2], { dataType: 'float32' }))).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('its voxels are float32'),
    });
    expect(await inspect(shared('nibabel/nifti1.hdr'))).toMatchObject({
      message: expect.stringContaining('.hdr/.img pair'),
    });
    expect(
      await inspect(new TextEncoder().encode('not a NIfTI at all, just some text'.repeat(30))),
    ).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('sizeof_hdr'),
    });
    expect(await inspect(new Uint8Array(0))).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('refuses files cut short or longer than their header says, and damaged gzip', async () => {
    const nifti = labelMapNifti([8, 8, 4]);
    expect(await inspect(nifti.subarray(0, nifti.length - 1))).toMatchObject({
      message: expect.stringContaining(`truncated: ${nifti.length - 1} bytes`),
    });
    expect(await inspect(nifti.subarray(0, 200))).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await inspect(Buffer.concat([nifti, new Uint8Array(1)]))).toMatchObject({
      message: expect.stringContaining('more bytes than its header declares'),
    });
    const gz = gzipSync(nifti);
    expect(await inspect(gz.subarray(0, gz.length - 10))).toMatchObject({
      message: expect.stringContaining('gzip stream is damaged'),
    });
    const flipped = gz.slice();
    flipped[gz.length - 6] = (flipped[gz.length - 6] ?? 0) ^ 0xff; // the CRC
    expect(await inspect(flipped)).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('refuses a header declaring more voxels than allowed, before reading them', async () => {
    const nifti = labelMapNifti([64, 64, 64]);
    expect(await inspect(nifti, 4096, 100_000)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });
});
