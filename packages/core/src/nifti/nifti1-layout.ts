import { ImageReadError } from '../errors/image-read-error.js';
import type { FieldReader } from './field-reader.js';
import { FieldWriter } from './field-writer.js';
import type { NiftiHeader } from './nifti-header.js';

// Byte offsets of the NIfTI-1 header (nifti1.h).
const DIM_INFO = 39;
const DIM = 40;
const INTENT_P1 = 56;
const INTENT_CODE = 68;
const DATATYPE = 70;
const BITPIX = 72;
const SLICE_START = 74;
const PIXDIM = 76;
const VOX_OFFSET = 108;
const SCL_SLOPE = 112;
const SCL_INTER = 116;
const SLICE_END = 120;
const SLICE_CODE = 122;
const XYZT_UNITS = 123;
const CAL_MAX = 124;
const CAL_MIN = 128;
const SLICE_DURATION = 132;
const TOFFSET = 136;
const DESCRIP = 148;
const AUX_FILE = 228;
const QFORM_CODE = 252;
const SFORM_CODE = 254;
const QUATERN_B = 256;
const QOFFSET_X = 268;
const SROW_X = 280;
const INTENT_NAME = 328;
const MAGIC = 344;

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

function readMagic(reader: FieldReader): boolean {
  const m = reader.raw(MAGIC, 4);
  const text = String.fromCharCode(m[0]!, m[1]!, m[2]!);
  if (m[3] !== 0 || (text !== 'n+1' && text !== 'ni1')) {
    // sizeof_hdr 348 without the magic is an Analyze 7.5 header, which has no defined orientation.
    throw new ImageReadError('NOT_NIFTI', 'a 348-byte header without the NIfTI-1 magic (Analyze 7.5?)');
  }
  return text === 'n+1';
}

export function decodeNifti1(reader: FieldReader): NiftiHeader {
  const singleFile = readMagic(reader);
  return {
    version: 1,
    littleEndian: reader.littleEndian,
    headerSize: 348,
    singleFile,
    dim: range(8).map((i) => reader.i16(DIM + 2 * i)),
    pixdim: range(8).map((i) => reader.f32(PIXDIM + 4 * i)),
    datatype: reader.i16(DATATYPE),
    bitpix: reader.i16(BITPIX),
    voxOffset: reader.f32(VOX_OFFSET),
    sclSlope: reader.f32(SCL_SLOPE),
    sclInter: reader.f32(SCL_INTER),
    calMin: reader.f32(CAL_MIN),
    calMax: reader.f32(CAL_MAX),
    intentCode: reader.i16(INTENT_CODE),
    intentName: reader.text(INTENT_NAME, 16),
    intentParams: [reader.f32(INTENT_P1), reader.f32(INTENT_P1 + 4), reader.f32(INTENT_P1 + 8)],
    xyztUnits: reader.u8(XYZT_UNITS),
    dimInfo: reader.u8(DIM_INFO),
    sliceCode: reader.u8(SLICE_CODE),
    sliceStart: reader.i16(SLICE_START),
    sliceEnd: reader.i16(SLICE_END),
    sliceDuration: reader.f32(SLICE_DURATION),
    toffset: reader.f32(TOFFSET),
    descrip: reader.text(DESCRIP, 80),
    auxFile: reader.text(AUX_FILE, 24),
    qformCode: reader.i16(QFORM_CODE),
    sformCode: reader.i16(SFORM_CODE),
    quatern: [reader.f32(QUATERN_B), reader.f32(QUATERN_B + 4), reader.f32(QUATERN_B + 8)],
    qoffset: [reader.f32(QOFFSET_X), reader.f32(QOFFSET_X + 4), reader.f32(QOFFSET_X + 8)],
    srow: range(12).map((i) => reader.f32(SROW_X + 4 * i)),
  };
}

/** The 348-byte header of a single-file .nii (little-endian), without the 4-byte extender. */
export function encodeNifti1(header: NiftiHeader): Uint8Array {
  const w = new FieldWriter(348);
  w.i32(0, 348);
  w.u8(38, 'r'.charCodeAt(0)); // "regular", as nifti1_io and nibabel write it
  w.u8(DIM_INFO, header.dimInfo);
  w.array(DIM, 'i16', header.dim);
  w.array(INTENT_P1, 'f32', header.intentParams);
  w.i16(INTENT_CODE, header.intentCode);
  w.i16(DATATYPE, header.datatype);
  w.i16(BITPIX, header.bitpix);
  w.i16(SLICE_START, header.sliceStart);
  w.array(PIXDIM, 'f32', header.pixdim);
  w.f32(VOX_OFFSET, header.voxOffset);
  w.f32(SCL_SLOPE, header.sclSlope);
  w.f32(SCL_INTER, header.sclInter);
  w.i16(SLICE_END, header.sliceEnd);
  w.u8(SLICE_CODE, header.sliceCode);
  w.u8(XYZT_UNITS, header.xyztUnits);
  w.f32(CAL_MAX, header.calMax);
  w.f32(CAL_MIN, header.calMin);
  w.f32(SLICE_DURATION, header.sliceDuration);
  w.f32(TOFFSET, header.toffset);
  w.text(DESCRIP, 80, header.descrip);
  w.text(AUX_FILE, 24, header.auxFile);
  w.i16(QFORM_CODE, header.qformCode);
  w.i16(SFORM_CODE, header.sformCode);
  w.array(QUATERN_B, 'f32', header.quatern);
  w.array(QOFFSET_X, 'f32', header.qoffset);
  w.array(SROW_X, 'f32', header.srow);
  w.text(INTENT_NAME, 16, header.intentName);
  w.raw(MAGIC, [0x6e, 0x2b, 0x31, 0]); // "n+1\0"
  return w.bytes;
}
