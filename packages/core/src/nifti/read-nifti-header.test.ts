import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ImageReadError, type ReadErrorCode } from '../errors/image-read-error.js';
import { lpsAffine } from '../volume/patient-coordinates.js';
import { readNifti } from './read-nifti.js';
import { readNiftiHeader } from './read-nifti-header.js';

const testdata = new URL('../../../../../shared/testdata/', import.meta.url);
const load = (path: string) => new Uint8Array(readFileSync(new URL(path, testdata)));

function codeOf(run: () => unknown): ReadErrorCode | 'no error' {
  try {
    run();
    return 'no error';
  } catch (error) {
    if (error instanceof ImageReadError) return error.code;
    throw error;
  }
}

// Values from nibabel 5 (/usr/bin/python3): NiftiNHeader.from_fileobj(open(f, 'rb')), fields as stored.
const HEADER_FIELDS = {
  littleEndian: true,
  singleFile: false,
  dim: [3, 91, 109, 91, 1, 1, 1, 1],
  pixdim: [-1, 2, 2, 2, 1, 1, 1, 1],
  datatype: 4,
  bitpix: 16,
  sformCode: 4,
  qformCode: 4,
  srow: [-2, 0, 0, 90, 0, 2, 0, -126, 0, 0, 2, -72],
  quatern: [0, 1, 0],
  qoffset: [90, -126, -72],
  xyztUnits: 10,
  descrip: 'FSL4.0',
  sclSlope: 1,
  sclInter: 0,
  calMin: 0,
  calMax: 9968,
  intentCode: 0,
};

describe('readNiftiHeader on header-only .hdr files', () => {
  it('nibabel/nifti1.hdr', () => {
    const header = readNiftiHeader(load('nibabel/nifti1.hdr'));
    expect(header).toMatchObject({ ...HEADER_FIELDS, version: 1, headerSize: 348, voxOffset: 0 });
  });

  it('nibabel/nifti2.hdr', () => {
    const header = readNiftiHeader(load('nibabel/nifti2.hdr'));
    expect(header).toMatchObject({ ...HEADER_FIELDS, version: 2, headerSize: 540, voxOffset: 544 });
  });

  it('reading voxels of a .hdr without its .img names the missing .img', () => {
    const error = (() => {
      try {
        readNifti(load('nibabel/nifti1.hdr'), { file: 'data/nifti1.hdr' });
      } catch (e) {
        return e as ImageReadError;
      }
    })();
    expect(error).toBeInstanceOf(ImageReadError);
    expect(error?.code).toBe('IO');
    expect(error?.message).toContain('data/nifti1.img');
  });

  it('reads a .hdr with its .img (plain or gzipped), at the .img offset vox_offset', () => {
    const voxels = 91 * 109 * 91;
    for (const [file, offset] of [
      ['nibabel/nifti1.hdr', 0],
      ['nibabel/nifti2.hdr', 544],
    ] as const) {
      const img = new Uint8Array(offset + voxels * 2);
      const values = new Int16Array(img.buffer, offset, voxels);
      for (let i = 0; i < voxels; i++) values[i] = (i % 2000) - 1000;
      for (const given of [img, new Uint8Array(gzipSync(img))]) {
        const image = readNifti(load(file), { img: given });
        expect(image.dims).toEqual([91, 109, 91]);
        expect(Buffer.compare(Buffer.from(image.data.buffer), Buffer.from(values.slice().buffer))).toBe(0);
        // nibabel: diag(-1,-1,1,1) · get_best_affine()
        expect(lpsAffine(image)).toEqual([2, 0, 0, -90, 0, -2, 0, 126, 0, 0, 2, -72, 0, 0, 0, 1]);
      }
    }
  });
});

/** A small valid .nii to break: anatomical.nii is big-endian, so fields are set in that order. */
const anatomical = () => load('nibabel/anatomical.nii');
const setI16 = (bytes: Uint8Array, offset: number, value: number, le = false) =>
  new DataView(bytes.buffer, bytes.byteOffset).setInt16(offset, value, le);

describe('readNifti on broken headers fails fast with ImageReadError', () => {
  it('every truncation of the header', () => {
    const bytes = anatomical();
    for (let n = 0; n < 352; n++) {
      expect(['NOT_NIFTI', 'TRUNCATED']).toContain(codeOf(() => readNifti(bytes.subarray(0, n))));
    }
  });

  it('wrong sizeof_hdr, missing magic (Analyze), damaged NIfTI-2 signature', () => {
    const bad = anatomical();
    new DataView(bad.buffer).setInt32(0, 349, false);
    expect(codeOf(() => readNifti(bad))).toBe('NOT_NIFTI');
    const analyze = anatomical();
    analyze.fill(0, 344, 348);
    expect(codeOf(() => readNifti(analyze))).toBe('NOT_NIFTI');
    const nifti2 = load('nibabel/nifti2.hdr');
    nifti2[8] = 0x0a; // "\r\n" → "\n\n", as a text-mode transfer would do
    expect(codeOf(() => readNiftiHeader(nifti2))).toBe('MALFORMED');
  });

  it('huge, zero and negative dims; bad dim[0]', () => {
    const huge = anatomical();
    setI16(huge, 40, 7);
    for (let i = 1; i <= 7; i++) setI16(huge, 40 + 2 * i, 32767);
    const start = performance.now();
    expect(codeOf(() => readNifti(huge))).toBe('LIMIT_EXCEEDED');
    const big = anatomical();
    setI16(big, 40, 3);
    for (let i = 1; i <= 3; i++) setI16(big, 40 + 2 * i, 32767);
    expect(codeOf(() => readNifti(big))).toBe('TRUNCATED');
    expect(performance.now() - start).toBeLessThan(1000); // nothing allocated: fails at once
    for (const [field, value] of [
      [42, 0],
      [44, -5],
      [40, 0],
      [40, 8],
    ]) {
      const bytes = anatomical();
      setI16(bytes, field!, value!);
      expect(codeOf(() => readNifti(bytes))).toBe('INVALID_ATTRIBUTE');
    }
  });

  it('NIfTI-2 dims beyond 2^53', () => {
    const bytes = load('nibabel/nifti2.hdr');
    new DataView(bytes.buffer).setBigInt64(16 + 8, 2n ** 60n, true);
    expect(codeOf(() => readNiftiHeader(bytes))).toBe('LIMIT_EXCEEDED');
  });

  it('vox_offset beyond the file, unsupported datatypes', () => {
    const offset = anatomical();
    new DataView(offset.buffer).setFloat32(108, 1e9, false);
    expect(codeOf(() => readNifti(offset))).toBe('TRUNCATED');
    for (const datatype of [1, 32, 1024, 2304, 0, 77]) {
      const bytes = anatomical();
      setI16(bytes, 70, datatype);
      expect(codeOf(() => readNifti(bytes))).toBe('UNSUPPORTED_IMAGE');
    }
  });

  it('a broken gzip stream', () => {
    const gz = load('nibabel/example4d.nii.gz');
    expect(codeOf(() => readNifti(gz.subarray(0, gz.length - 100)))).toBe('TRUNCATED');
    expect(codeOf(() => readNifti(gz.subarray(0, gz.length - 100), { gunzip: (b) => gunzipSync(b) }))).toBe(
      'TRUNCATED',
    );
    const corrupt = gz.slice();
    corrupt[gz.length - 8] = corrupt[gz.length - 8]! ^ 0xff; // CRC in the trailer
    expect(codeOf(() => readNifti(corrupt))).toBe('CODEC_FAILED');
    const liar = gz.slice(0, 200);
    new DataView(liar.buffer).setUint32(196, 0xffffffff, true); // "ISIZE" claims 4 GB from 200 bytes
    expect(codeOf(() => readNifti(liar))).toBe('TRUNCATED');
  });

  it('random header corruption never escapes as anything but ImageReadError', () => {
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x80000000;
    };
    const originals = [anatomical(), load('dcm_qa_ts/Ref/1.nii')];
    for (let n = 0; n < 1000; n++) {
      const bytes = originals[n % 2]!.slice();
      for (let k = 0; k < 1 + Math.floor(random() * 4); k++) {
        bytes[Math.floor(random() * 352)] = Math.floor(random() * 256);
      }
      codeOf(() => readNifti(bytes));
    }
  });
});

describe('readNifti dims above 4', () => {
  /** A little-endian float32 NIfTI-1 built by hand: dims as given, voxel i holds i. */
  function build(dim: number[], intentCode = 0): Uint8Array {
    const voxels = dim.slice(1, dim[0]! + 1).reduce((a, b) => a * b, 1);
    const bytes = new Uint8Array(352 + voxels * 4);
    const view = new DataView(bytes.buffer);
    view.setInt32(0, 348, true);
    dim.forEach((d, i) => view.setInt16(40 + 2 * i, d, true));
    view.setInt16(68, intentCode, true);
    view.setInt16(70, 16, true);
    view.setInt16(72, 32, true);
    for (let i = 1; i < 4; i++) view.setFloat32(76 + 4 * i, 1, true);
    view.setFloat32(108, 352, true);
    bytes.set([0x6e, 0x2b, 0x31, 0], 344);
    for (let i = 0; i < voxels; i++) view.setFloat32(352 + 4 * i, i, true);
    return bytes;
  }

  it('folds a 5D vector field (intent 1007) into timepoints in file order', () => {
    const image = readNifti(build([5, 4, 3, 2, 1, 3, 1, 1], 1007));
    expect(image.timepoints).toBe(3);
    expect(image.meta.niftiDims).toEqual([4, 3, 2, 1, 3]);
    expect(image.meta.niftiIntentCode).toBe(1007);
    expect(image.data[4 * 3 * 2 * 2 + 5]).toBe(53);
    expect(image.warnings.join()).toContain('folded');
  });

  it('refuses a data matrix (1×1×1 grid, or a CIFTI intent)', () => {
    expect(codeOf(() => readNifti(build([6, 1, 1, 1, 1, 5, 7, 1])))).toBe('UNSUPPORTED_IMAGE');
    expect(codeOf(() => readNifti(build([6, 2, 2, 2, 1, 5, 7, 1], 3006)))).toBe('UNSUPPORTED_IMAGE');
  });

  it('reads a 2D image as one slice', () => {
    const image = readNifti(build([2, 5, 4, 0, 0, 0, 0, 0]));
    expect(image.dims).toEqual([5, 4, 1]);
    expect(image.timepoints).toBe(1);
  });
});
