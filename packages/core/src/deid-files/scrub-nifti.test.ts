import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { ImageReadError } from '../errors/image-read-error.js';
import { readNifti } from '../nifti/read-nifti.js';
import { listTestdata, readTestdata } from '../test-support/shared-data.js';
import { niftiTextFields } from './nifti-text-fields.js';
import { scrubNifti } from './scrub-nifti.js';

const NIFTI_FILES = listTestdata().filter((f) => /\.nii(\.gz)?$/.test(f));
const ascii = (text: string) => new TextEncoder().encode(text);
const plain = (bytes: Uint8Array) => (bytes[0] === 0x1f ? gunzipSync(bytes) : bytes);

/** Typed arrays compared as bytes: toEqual walks millions of elements one by one. */
function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  );
}

function contains(bytes: Uint8Array, text: string): boolean {
  return Buffer.from(bytes).includes(Buffer.from(text, 'latin1'));
}

/** Header bytes that scrubbing may change: text fields, vox_offset, and the extension flag. */
function changeable(version: 1 | 2): Set<number> {
  const set = new Set<number>();
  for (const f of niftiTextFields(version)) for (let i = 0; i < f.length; i++) set.add(f.offset + i);
  const [voxOffset, size] = version === 1 ? [108, 4] : [168, 8];
  for (let i = 0; i < size; i++) set.add(voxOffset + i);
  return set;
}

/** dcm_qa_ts's 1.nii with every text field filled, db_name too, and a comment extension spliced in. */
function identifyingNifti(): Uint8Array {
  const source = readTestdata('dcm_qa_ts/Ref/1.nii');
  const extension = new Uint8Array(32);
  const view = new DataView(extension.buffer);
  view.setInt32(0, 32, true);
  view.setInt32(4, 6, true); // NIFTI_ECODE_COMMENT
  extension.set(ascii('Patient John Smith'), 8);
  const out = new Uint8Array(source.length + 32);
  out.set(source.subarray(0, 352), 0);
  out.set(extension, 352);
  out.set(source.subarray(352), 384);
  const header = new DataView(out.buffer);
  header.setFloat32(108, 384, true);
  out[348] = 1;
  out.fill(0, 148, 252);
  out.set(ascii('Jane Doe 1970-01-02'), 148);
  out.set(ascii('jdoe_t1.nii'), 228);
  out.set(ascii('DOE^JANE'), 328);
  out.set(ascii('Smith study'), 14);
  return out;
}

describe('scrubNifti', () => {
  it.each(NIFTI_FILES)('%s: text gone, voxels and geometry byte-identical', (file) => {
    const input = readTestdata(file);
    const { bytes, report } = scrubNifti(input);
    expect(bytes[0] === 0x1f).toBe(file.endsWith('.gz'));
    const before = plain(input);
    const after = plain(bytes);
    const version = report.format === 'NIfTI-1' ? 1 : 2;
    const size = version === 1 ? 348 : 540;
    const skip = changeable(version);
    const differing = Array.from({ length: size }, (_, i) => i).filter(
      (i) => !skip.has(i) && after[i] !== before[i],
    );
    expect(differing).toEqual([]);
    for (const f of niftiTextFields(version)) {
      expect(after.subarray(f.offset, f.offset + f.length).every((b) => b === 0)).toBe(true);
    }
    expect(Array.from(after.subarray(size, size + 4))).toEqual([0, 0, 0, 0]);
    const a = readNifti(before);
    const b = readNifti(after);
    expect(sameBytes(b.data, a.data)).toBe(true);
    expect([b.dims, b.origin, b.spacing, b.direction]).toEqual([a.dims, a.origin, a.spacing, a.direction]);
    expect(b.meta.description ?? '').toBe('');
  });

  it('drops the two FSL comment extensions of example4d.nii.gz and NIfTI-2 example_nifti2.nii.gz', () => {
    for (const file of ['nibabel/example4d.nii.gz', 'nibabel/example_nifti2.nii.gz']) {
      const input = plain(readTestdata(file));
      const { bytes, report } = scrubNifti(readTestdata(file));
      expect(report.extensions.map((e) => e.ecode)).toEqual([6, 6]);
      expect(report.clearedFields).toContain('descrip');
      expect(contains(input, 'FSL3.3')).toBe(true);
      expect(contains(plain(bytes), 'FSL3.3')).toBe(false);
      const voxOffset = report.format === 'NIfTI-1' ? 352 : 544;
      const view = new DataView(plain(bytes).buffer);
      expect(
        report.format === 'NIfTI-1' ? view.getFloat32(108, true) : Number(view.getBigInt64(168, true)),
      ).toBe(voxOffset);
    }
  });

  it('removes every identifying string of a file with all text fields and an extension', () => {
    const input = identifyingNifti();
    const secrets = ['Jane Doe', 'jdoe_t1', 'DOE^JANE', 'Smith study', 'Patient John Smith'];
    for (const s of secrets) expect(contains(input, s)).toBe(true);
    const { bytes, report } = scrubNifti(input);
    for (const s of secrets) expect(contains(bytes, s), s).toBe(false);
    expect(report).toEqual({
      format: 'NIfTI-1',
      headerOnly: false,
      gzipped: false,
      clearedFields: ['db_name', 'descrip', 'aux_file', 'intent_name'],
      extensions: [{ ecode: 6, bytes: 32 }],
      trailingBytes: 0,
      gzipHeaderText: false,
    });
    expect(bytes.length).toBe(input.length - 32);
    expect(sameBytes(bytes.subarray(352), input.subarray(384))).toBe(true);
    expect(sameBytes(readNifti(bytes).data, readNifti(readTestdata('dcm_qa_ts/Ref/1.nii')).data)).toBe(true);
  });

  it('gzips back without the original file name or time in the gzip header', () => {
    const input = gzipSync(identifyingNifti(), { filename: 'Jane_Doe_t1.nii', mtime: 1700000000000 });
    const { bytes, report } = scrubNifti(input);
    expect(report.gzipped && report.gzipHeaderText).toBe(true);
    expect(contains(bytes, 'Jane_Doe')).toBe(false);
    expect(Array.from(bytes.subarray(3, 8))).toEqual([0, 0, 0, 0, 0]); // no FNAME/FCOMMENT, mtime 0
    expect(sameBytes(plain(bytes), scrubNifti(identifyingNifti()).bytes)).toBe(true);
  });

  it('drops bytes after the voxels, and keeps big-endian files big-endian', () => {
    const source = readTestdata('nibabel/anatomical.nii');
    const input = new Uint8Array(source.length + 20);
    input.set(source, 0);
    input.set(ascii('John Smith MRN 1234'), source.length);
    const { bytes, report } = scrubNifti(input);
    expect(report.trailingBytes).toBe(20);
    expect(report.clearedFields).toEqual(['descrip']);
    expect(contains(bytes, 'John Smith')).toBe(false);
    expect(new DataView(bytes.buffer).getFloat32(108, false)).toBe(352);
    expect(sameBytes(readNifti(bytes).data, readNifti(source).data)).toBe(true);
  });

  it('scrubs the .hdr of a pair to its header and a zero extender', () => {
    for (const [file, size] of [
      ['nibabel/nifti1.hdr', 352],
      ['nibabel/nifti2.hdr', 544],
    ] as const) {
      const input = readTestdata(file);
      const { bytes, report } = scrubNifti(input);
      expect(report.headerOnly).toBe(true);
      expect(bytes.length).toBe(size);
      expect(bytes.subarray(0, 4)).toEqual(input.subarray(0, 4));
      // vox_offset of a pair points into the .img: it must not move.
      const at = size === 352 ? [108, 112] : [168, 176];
      expect(bytes.subarray(at[0], at[1])).toEqual(input.subarray(at[0], at[1]));
    }
  });

  it('names what is wrong with input that is not a whole NIfTI file', () => {
    const fail = (bytes: Uint8Array) => {
      try {
        scrubNifti(bytes);
      } catch (error) {
        expect(error).toBeInstanceOf(ImageReadError);
        return (error as ImageReadError).message;
      }
      throw new Error('no error');
    };
    expect(fail(ascii('this is not a medical image at all, only text'))).toMatch(/sizeof_hdr is neither 348/);
    expect(fail(new Uint8Array(2))).toMatch(/too short for NIfTI/);
    const nii = readTestdata('dcm_qa_ts/Ref/1.nii');
    expect(fail(nii.subarray(0, 1000))).toMatch(/voxel data needs \d+ bytes from vox_offset 352/);
    expect(fail(nii.subarray(0, 200))).toMatch(/NIfTI-1 header needs 348 bytes/);
    expect(
      fail(Uint8Array.of(0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16)),
    ).toMatch(/gzip/);
  });
});

const PYTHON = '/usr/bin/python3';
const hasNibabel = spawnSync(PYTHON, ['-c', 'import nibabel'], { encoding: 'utf8' }).status === 0;
if (!hasNibabel)
  console.warn('skipping nibabel checks of scrubbed NIfTI: /usr/bin/python3 cannot import nibabel');
const dir = mkdtempSync(join(tmpdir(), 'voxelhub-scrub-nifti-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Loads the original and the scrubbed file; prints whether affine, data, dtype and shape agree, and
// what text and extensions the scrubbed header still has.
const COMPARE = `
import sys, json, numpy as np, nibabel as nib
a, b = nib.load(sys.argv[1]), nib.load(sys.argv[2])
h = b.header
print(json.dumps(dict(
  affine=bool(np.array_equal(a.affine, b.affine)),
  qform=bool(np.array_equal(a.get_qform(), b.get_qform())) and int(a.header['qform_code']) == int(h['qform_code']),
  sform=bool(np.array_equal(a.get_sform(), b.get_sform())) and int(a.header['sform_code']) == int(h['sform_code']),
  data=bool(np.array_equal(np.asanyarray(a.dataobj), np.asanyarray(b.dataobj))),
  dtype=str(a.get_data_dtype()) == str(b.get_data_dtype()),
  text=[h['descrip'].tobytes().decode('latin1'), h['aux_file'].tobytes().decode('latin1'), h['intent_name'].tobytes().decode('latin1')],
  extensions=len(h.extensions))))
`;

describe.skipIf(!hasNibabel)('scrubbed NIfTI read by nibabel', () => {
  const cases: [string, Uint8Array][] = [
    ...NIFTI_FILES.map((f): [string, Uint8Array] => [f, readTestdata(f)]),
    ['spliced-identifying.nii', identifyingNifti()],
  ];
  it.each(cases)('%s: same affine, qform, sform and data; no text, no extensions', (name, input) => {
    const suffix = name.endsWith('.gz') ? '.nii.gz' : '.nii';
    const original = join(dir, `original-${name.replaceAll('/', '_')}`);
    const scrubbed = join(dir, `scrubbed${suffix}`);
    writeFileSync(original, input);
    writeFileSync(scrubbed, scrubNifti(input).bytes);
    const run = spawnSync(PYTHON, ['-c', COMPARE, original, scrubbed], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({
      affine: true,
      qform: true,
      sform: true,
      data: true,
      dtype: true,
      text: ['\0'.repeat(80), '\0'.repeat(24), '\0'.repeat(16)],
      extensions: 0,
    });
  });
});
