import type fc from 'fast-check';
import { gunzipSync, gzipSync } from 'fflate';
import { type Edit, type Field, type FuzzSubject, fieldEdits } from './byte-mutations.js';

type FieldSpec = readonly [label: string, offset: number, size: 1 | 2 | 4 | 8, float?: boolean];

/** NIfTI-1 header fields a reader computes with (nifti1.h offsets). */
const NIFTI1: readonly FieldSpec[] = [
  ['sizeof_hdr', 0, 4],
  ['dim_info', 39, 1],
  ...Array.from({ length: 8 }, (_, i): FieldSpec => [`dim[${i}]`, 40 + 2 * i, 2]),
  ['intent_code', 68, 2],
  ['datatype', 70, 2],
  ['bitpix', 72, 2],
  ['slice_start', 74, 2],
  ...Array.from({ length: 8 }, (_, i): FieldSpec => [`pixdim[${i}]`, 76 + 4 * i, 4, true]),
  ['vox_offset', 108, 4, true],
  ['scl_slope', 112, 4, true],
  ['scl_inter', 116, 4, true],
  ['slice_end', 120, 2],
  ['slice_code', 122, 1],
  ['xyzt_units', 123, 1],
  ['slice_duration', 132, 4, true],
  ['qform_code', 252, 2],
  ['sform_code', 254, 2],
  ...Array.from({ length: 6 }, (_, i): FieldSpec => [`quatern/qoffset[${i}]`, 256 + 4 * i, 4, true]),
  ...Array.from({ length: 12 }, (_, i): FieldSpec => [`srow[${i}]`, 280 + 4 * i, 4, true]),
  ['magic[3]', 347, 1],
  ['extension[0]', 348, 1],
  ['esize', 352, 4],
];

/** NIfTI-2 header fields (nifti2.h offsets). */
const NIFTI2: readonly FieldSpec[] = [
  ['sizeof_hdr', 0, 4],
  ['datatype', 12, 2],
  ['bitpix', 14, 2],
  ...Array.from({ length: 8 }, (_, i): FieldSpec => [`dim[${i}]`, 16 + 8 * i, 8]),
  ...Array.from({ length: 8 }, (_, i): FieldSpec => [`pixdim[${i}]`, 104 + 8 * i, 8, true]),
  ['vox_offset', 168, 8],
  ['scl_slope', 176, 8, true],
  ['scl_inter', 184, 8, true],
  ['slice_duration', 208, 8, true],
  ['slice_start', 224, 8],
  ['slice_end', 232, 8],
  ['qform_code', 344, 4],
  ['sform_code', 348, 4],
  ...Array.from({ length: 6 }, (_, i): FieldSpec => [`quatern/qoffset[${i}]`, 352 + 8 * i, 8, true]),
  ...Array.from({ length: 12 }, (_, i): FieldSpec => [`srow[${i}]`, 400 + 8 * i, 8, true]),
  ['slice_code', 496, 4],
  ['xyzt_units', 500, 4],
  ['intent_code', 504, 4],
  ['dim_info', 524, 1],
  ['extension[0]', 540, 1],
  ['esize', 544, 4],
];

function readField(view: DataView, spec: FieldSpec, littleEndian: boolean): number {
  const [, offset, size, float] = spec;
  if (float)
    return size === 4 ? view.getFloat32(offset, littleEndian) : view.getFloat64(offset, littleEndian);
  if (size === 1) return view.getUint8(offset);
  if (size === 2) return view.getInt16(offset, littleEndian);
  if (size === 4) return view.getInt32(offset, littleEndian);
  return Number(view.getBigInt64(offset, littleEndian));
}

/** The header fields of a valid NIfTI-1 or NIfTI-2 file (uncompressed bytes). */
export function niftiFields(plain: Uint8Array): Field[] {
  const view = new DataView(plain.buffer, plain.byteOffset, plain.byteLength);
  const sizeLE = view.getInt32(0, true);
  const littleEndian = sizeLE === 348 || sizeLE === 540;
  const size = view.getInt32(0, littleEndian);
  const specs = size === 348 ? NIFTI1 : NIFTI2;
  return specs
    .filter(([, offset, bytes]) => offset + bytes <= plain.length)
    .map((spec) => ({
      label: spec[0],
      offset: spec[1],
      size: spec[2],
      littleEndian,
      ...(spec[3] ? { float: true } : {}),
      value: readField(view, spec, littleEndian),
    }));
}

const isGzip = (bytes: Uint8Array) => bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;

/**
 * A valid .nii or .nii.gz as a fuzz subject. A .nii.gz is mutated both as stored (corrupt gzip) and in
 * its gunzipped form, gzipped again with `gzip` (Node's zlib is faster than the default fflate), so that
 * header edits reach the NIfTI reader.
 */
export function niftiSubject(
  name: string,
  stored: Uint8Array,
  gzip: (bytes: Uint8Array) => Uint8Array = (bytes) => gzipSync(bytes, { level: 1 }),
): { subject: FuzzSubject; structured: fc.Arbitrary<Edit[]>[] } {
  const plain = isGzip(stored) ? gunzipSync(stored) : stored;
  const subject: FuzzSubject = isGzip(stored)
    ? { name, stored, plain, encode: gzip }
    : { name, stored, plain };
  return { subject, structured: [fieldEdits(niftiFields(plain))] };
}
