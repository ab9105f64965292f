import { ImageReadError } from '../errors/image-read-error.js';
import type { FieldReader } from './field-reader.js';
import { FieldWriter } from './field-writer.js';
import type { NiftiHeader } from './nifti-header.js';

// Byte offsets of the NIfTI-2 header (nifti2.h).
const MAGIC = 4;
const DATATYPE = 12;
const BITPIX = 14;
const DIM = 16;
const INTENT_P1 = 80;
const PIXDIM = 104;
const VOX_OFFSET = 168;
const SCL_SLOPE = 176;
const SCL_INTER = 184;
const CAL_MAX = 192;
const CAL_MIN = 200;
const SLICE_DURATION = 208;
const TOFFSET = 216;
const SLICE_START = 224;
const SLICE_END = 232;
const DESCRIP = 240;
const AUX_FILE = 320;
const QFORM_CODE = 344;
const SFORM_CODE = 348;
const QUATERN_B = 352;
const QOFFSET_X = 376;
const SROW_X = 400;
const SLICE_CODE = 496;
const XYZT_UNITS = 500;
const INTENT_CODE = 504;
const INTENT_NAME = 508;
const DIM_INFO = 524;

/** The last four magic bytes catch files mangled by text-mode transfers, as PNG's signature does. */
const SIGNATURE = [0x0d, 0x0a, 0x1a, 0x0a];

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

function readMagic(reader: FieldReader): boolean {
  const m = reader.raw(MAGIC, 8);
  const text = String.fromCharCode(m[0]!, m[1]!, m[2]!);
  if (m[3] !== 0 || (text !== 'n+2' && text !== 'ni2')) {
    throw new ImageReadError('NOT_NIFTI', 'a 540-byte header without the NIfTI-2 magic');
  }
  if (SIGNATURE.some((b, i) => m[4 + i] !== b)) {
    throw new ImageReadError('MALFORMED', 'NIfTI-2 magic is damaged (was the file transferred as text?)');
  }
  return text === 'n+2';
}

export function decodeNifti2(reader: FieldReader): NiftiHeader {
  const singleFile = readMagic(reader);
  return {
    version: 2,
    littleEndian: reader.littleEndian,
    headerSize: 540,
    singleFile,
    dim: range(8).map((i) => reader.i64(DIM + 8 * i, `dim[${i}]`)),
    pixdim: range(8).map((i) => reader.f64(PIXDIM + 8 * i)),
    datatype: reader.i16(DATATYPE),
    bitpix: reader.i16(BITPIX),
    voxOffset: reader.i64(VOX_OFFSET, 'vox_offset'),
    sclSlope: reader.f64(SCL_SLOPE),
    sclInter: reader.f64(SCL_INTER),
    calMin: reader.f64(CAL_MIN),
    calMax: reader.f64(CAL_MAX),
    intentCode: reader.i32(INTENT_CODE),
    intentName: reader.text(INTENT_NAME, 16),
    intentParams: [reader.f64(INTENT_P1), reader.f64(INTENT_P1 + 8), reader.f64(INTENT_P1 + 16)],
    xyztUnits: reader.i32(XYZT_UNITS),
    dimInfo: reader.u8(DIM_INFO),
    sliceCode: reader.i32(SLICE_CODE),
    sliceStart: reader.i64(SLICE_START, 'slice_start'),
    sliceEnd: reader.i64(SLICE_END, 'slice_end'),
    sliceDuration: reader.f64(SLICE_DURATION),
    toffset: reader.f64(TOFFSET),
    descrip: reader.text(DESCRIP, 80),
    auxFile: reader.text(AUX_FILE, 24),
    qformCode: reader.i32(QFORM_CODE),
    sformCode: reader.i32(SFORM_CODE),
    quatern: [reader.f64(QUATERN_B), reader.f64(QUATERN_B + 8), reader.f64(QUATERN_B + 16)],
    qoffset: [reader.f64(QOFFSET_X), reader.f64(QOFFSET_X + 8), reader.f64(QOFFSET_X + 16)],
    srow: range(12).map((i) => reader.f64(SROW_X + 8 * i)),
  };
}

/** The 540-byte header of a single-file .nii (little-endian), without the 4-byte extender. */
export function encodeNifti2(header: NiftiHeader): Uint8Array {
  const w = new FieldWriter(540);
  w.i32(0, 540);
  w.raw(MAGIC, [0x6e, 0x2b, 0x32, 0, ...SIGNATURE]); // "n+2\0\r\n\032\n"
  w.i16(DATATYPE, header.datatype);
  w.i16(BITPIX, header.bitpix);
  w.array(DIM, 'i64', header.dim);
  w.array(INTENT_P1, 'f64', header.intentParams);
  w.array(PIXDIM, 'f64', header.pixdim);
  w.i64(VOX_OFFSET, header.voxOffset);
  w.f64(SCL_SLOPE, header.sclSlope);
  w.f64(SCL_INTER, header.sclInter);
  w.f64(CAL_MAX, header.calMax);
  w.f64(CAL_MIN, header.calMin);
  w.f64(SLICE_DURATION, header.sliceDuration);
  w.f64(TOFFSET, header.toffset);
  w.i64(SLICE_START, header.sliceStart);
  w.i64(SLICE_END, header.sliceEnd);
  w.text(DESCRIP, 80, header.descrip);
  w.text(AUX_FILE, 24, header.auxFile);
  w.i32(QFORM_CODE, header.qformCode);
  w.i32(SFORM_CODE, header.sformCode);
  w.array(QUATERN_B, 'f64', header.quatern);
  w.array(QOFFSET_X, 'f64', header.qoffset);
  w.array(SROW_X, 'f64', header.srow);
  w.i32(SLICE_CODE, header.sliceCode);
  w.i32(XYZT_UNITS, header.xyztUnits);
  w.i32(INTENT_CODE, header.intentCode);
  w.text(INTENT_NAME, 16, header.intentName);
  w.u8(DIM_INFO, header.dimInfo);
  return w.bytes;
}
