import { readFileSync } from 'node:fs';
import dicomParser, { type DataSet } from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { ImageReadError } from '../../errors/image-read-error.js';
import type { Vec3 } from '../../geometry/vector.js';
import type { VoxelArray } from '../../volume/data-type.js';
import type { ImageGeometry, ImageVolume } from '../../volume/image-volume.js';
import { geometryFromRasAffine, lpsAffine } from '../../volume/patient-coordinates.js';
import { reorient } from '../../volume/reorient.js';
import { mosaicGeometry, mosaicToVolumeParts, readMosaicInfo, splitMosaic } from './mosaic.js';

const TESTDATA = new URL('../../../../../../shared/testdata/', import.meta.url);
const TS_MOSAIC = 'dcm_qa_ts/In/1.dcm';
const NIH = 'dcm_qa_nih/In/20180918Si/';

function readBytes(path: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(path, TESTDATA)));
}

function parse(bytes: Uint8Array): DataSet {
  return dicomParser.parseDicom(bytes);
}

/** The native (Explicit VR Little Endian) 16-bit pixel data of a dataset, read straight from its bytes. */
function nativeFrame(dataSet: DataSet): Uint16Array {
  const element = dataSet.elements.x7fe00010!;
  const view = new DataView(
    dataSet.byteArray.buffer,
    dataSet.byteArray.byteOffset + element.dataOffset,
    element.length,
  );
  const frame = new Uint16Array(element.length / 2);
  for (let i = 0; i < frame.length; i++) frame[i] = view.getUint16(i * 2, true);
  return frame;
}

/** A minimal NIfTI-1 reader (little-endian int16, as dcm2niix writes these): dims, sform and voxels. */
function readNifti(path: string): ImageVolume {
  const bytes = readBytes(path);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  expect(view.getInt32(0, true)).toBe(348);
  expect(view.getInt16(70, true)).toBe(4); // DT_INT16
  expect(view.getInt16(254, true)).toBeGreaterThan(0); // sform_code
  const dim = (i: number) => view.getInt16(40 + 2 * i, true);
  const dims: Vec3 = [dim(1), dim(2), dim(3)];
  const timepoints = dim(0) >= 4 ? dim(4) : 1;
  const srow = Array.from({ length: 12 }, (_, i) => view.getFloat32(280 + 4 * i, true));
  const offset = view.getFloat32(108, true);
  const data = new Int16Array(dims[0] * dims[1] * dims[2] * timepoints);
  for (let i = 0; i < data.length; i++) data[i] = view.getInt16(offset + 2 * i, true);
  return volume(geometryFromRasAffine([...srow, 0, 0, 0, 1], dims), data, timepoints);
}

function volume(geometry: ImageGeometry, data: VoxelArray, timepoints = 1): ImageVolume {
  return {
    ...geometry,
    kind: 'volume',
    timepoints,
    dataType: data instanceof Int16Array ? 'int16' : 'uint16',
    samplesPerPixel: 1,
    photometricInterpretation: 'MONOCHROME2',
    data,
    meta: {},
    warnings: [],
  };
}

/** Both images brought to LPS: same grid, same voxel values, affines within 1e-3 mm. */
function expectSameImage(actual: ImageVolume, expected: ImageVolume): void {
  const a = reorient(actual, 'LPS');
  const e = reorient(expected, 'LPS');
  expect(a.dims).toEqual(e.dims);
  expect(a.timepoints).toBe(e.timepoints);
  expect(a.data.length).toBe(e.data.length);
  let mismatches = 0;
  for (let i = 0; i < a.data.length; i++) if (a.data[i] !== e.data[i]) mismatches++;
  expect(mismatches).toBe(0);
  const affineA = lpsAffine(a);
  const affineE = lpsAffine(e);
  affineA.forEach((v, i) => {
    expect(Math.abs(v - affineE[i]!), `affine[${i}] ${v} vs ${affineE[i]}`).toBeLessThan(1e-3);
  });
}

function partsOf(path: string) {
  const dataSet = parse(readBytes(path));
  const parts = mosaicToVolumeParts(dataSet, nativeFrame(dataSet));
  if (!parts) throw new Error(`${path} is not a mosaic`);
  return parts;
}

describe('readMosaicInfo', () => {
  it('reads the layout of the Trio VB17 mosaic (35 tiles of 64×64 in a 6×6 grid of 384×384)', () => {
    const info = readMosaicInfo(parse(readBytes(TS_MOSAIC)));
    expect(info).toMatchObject({ slices: 35, tilesAcross: 6, tileColumns: 64, tileRows: 64 });
    // CSA SliceNormalVector and MosaicRefAcqTimes as nibabel.nicom.csareader reports them.
    expect(info?.sliceNormal).toEqual([0, 0.10799944, 0.99415095]);
    expect(info?.sliceTimesMs).toHaveLength(35);
    expect(info?.sliceTimesMs?.slice(0, 3)).toEqual([0, 70.00000001, 142.50000002]);
  });

  it('reads the Skyra E11 mosaic (5 tiles of 72×72 in a 3×3 grid of 216×216)', () => {
    const info = readMosaicInfo(parse(readBytes(`${NIH}mr_0003/epi_pe_ap-00001.dcm`)));
    expect(info).toMatchObject({
      slices: 5,
      tilesAcross: 3,
      tileColumns: 72,
      tileRows: 72,
      sliceNormal: [0, 0, 1],
    });
    expect(info?.sliceTimesMs).toEqual([0, 1450.00000001, 482.50000001, 1932.50000001, 967.50000001]);
  });

  it('is undefined for an image that is not a mosaic', () => {
    // Same file with Image Type's MOSAIC renamed: the CSA still says 35 images, but only Image Type decides.
    const bytes = readBytes(TS_MOSAIC);
    const dataSet = parse(bytes);
    const element = dataSet.elements.x00080008!;
    const text = new TextDecoder().decode(
      bytes.subarray(element.dataOffset, element.dataOffset + element.length),
    );
    bytes.set(new TextEncoder().encode(text.replace('MOSAIC', 'NORMAL')), element.dataOffset);
    expect(readMosaicInfo(parse(bytes))).toBeUndefined();
    expect(mosaicToVolumeParts(parse(bytes), new Uint16Array(384 * 384))).toBeUndefined();
  });
});

describe('readMosaicInfo on bad headers', () => {
  /** 1.dcm with bytes of its CSA image header (0029,1010) overwritten at `offset`. */
  function patchedCsa(offset: number, replacement: Uint8Array): DataSet {
    const bytes = readBytes(TS_MOSAIC);
    bytes.set(replacement, parse(bytes).elements.x00291010!.dataOffset + offset);
    return parse(bytes);
  }

  it('rejects a CSA header declaring 4 294 967 295 elements as MALFORMED', () => {
    const dataSet = patchedCsa(8, new Uint8Array([0xff, 0xff, 0xff, 0xff]));
    expect(() => readMosaicInfo(dataSet)).toThrow(expect.objectContaining({ code: 'MALFORMED' }));
  });

  it('rejects a NumberOfImagesInMosaic that does not tile the mosaic', () => {
    const bytes = readBytes(TS_MOSAIC);
    const csa = parse(bytes).elements.x00291010!;
    const text = new TextDecoder('latin1').decode(
      bytes.subarray(csa.dataOffset, csa.dataOffset + csa.length),
    );
    // The first item's value follows the 84-byte element header and the 16-byte item header.
    const value = text.indexOf('NumberOfImagesInMosaic') + 84 + 16;
    expect(text.slice(value, value + 2)).toBe('35');
    const dataSet = patchedCsa(value, new TextEncoder().encode('37'));
    expect(() => readMosaicInfo(dataSet)).toThrow(expect.objectContaining({ code: 'INVALID_ATTRIBUTE' }));
  });
});

describe('mosaicToVolumeParts against dcm2niix', () => {
  it('gives the voxels and affine of dcm2niix for the oblique Trio mosaic (Ref/1.nii, 64×64×35)', () => {
    const parts = partsOf(TS_MOSAIC);
    expect(parts.data).toBeInstanceOf(Uint16Array);
    expect(parts.geometry.dims).toEqual([64, 64, 35]);
    // dcm2niix: 3.25×3.25 mm in-plane, Spacing Between Slices 3.6000000030835 as the slice spacing.
    expect(parts.geometry.spacing).toEqual([3.25, 3.25, 3.6000000030835]);
    expect(parts.warnings).toEqual([]);
    expectSameImage(volume(parts.geometry, parts.data), readNifti('dcm_qa_ts/Ref/1.nii'));
  });

  it.each([
    ['mr_0003/epi_pe_ap', 'EPI_PE=AP_3.nii'],
    ['mr_0004/epi_pe_pa', 'EPI_PE=PA_4.nii'],
  ])('gives the voxels and affine of dcm2niix for %s (72×72×5×2)', (series, reference) => {
    const volumes = [1, 2].map((n) => partsOf(`${NIH}${series}-0000${n}.dcm`));
    expect(volumes[1]!.geometry).toEqual(volumes[0]!.geometry);
    const data = new Uint16Array(volumes[0]!.data.length * 2);
    data.set(volumes[0]!.data, 0);
    data.set(volumes[1]!.data, volumes[0]!.data.length);
    expectSameImage(volume(volumes[0]!.geometry, data, 2), readNifti(`dcm_qa_nih/Ref/${reference}`));
  });

  it('keeps tile order and flips the slice axis when SliceNormalVector runs against row × column', () => {
    // 1.dcm with the CSA SliceNormalVector negated in place ('0.10799944' → '-0.1079994', same length).
    // Expected: `dcm2niix v1.0.20220720` on that patched file writes the voxels of Ref/1.nii unchanged
    // with this sform (RAS), i.e. the slice column negated and the same origin.
    const bytes = readBytes(TS_MOSAIC);
    const patch = (from: string, to: string) => {
      const text = new TextDecoder('latin1').decode(bytes);
      const at = text.indexOf(from);
      expect(text.indexOf(from, at + 1)).toBe(-1);
      bytes.set(new TextEncoder().encode(to), at);
    };
    patch('0.10799944', '-0.1079994');
    patch('0.99415095', '-0.9941509');
    const dataSet = parse(bytes);
    const parts = mosaicToVolumeParts(dataSet, nativeFrame(dataSet))!;
    const sform = [
      -3.25, 3.250000038259134e-16, 3.8879768499760497e-17, 104.0, 3.250000038259134e-16, 3.2309906482696533,
      0.38879767060279846, -58.68431091308594, 0.0, 0.3509978950023651, -3.5789432525634766,
      -84.79803466796875, 0, 0, 0, 1,
    ];
    const reference = readNifti('dcm_qa_ts/Ref/1.nii');
    const expected = { ...reference, ...geometryFromRasAffine(sform, reference.dims) };
    expectSameImage(volume(parts.geometry, parts.data), expected);
    // The tiles are not reordered: slice k is still tile k, only the slice axis points the other way.
    const original = partsOf(TS_MOSAIC);
    expect(Buffer.from(parts.data.buffer).equals(Buffer.from(original.data.buffer))).toBe(true);
    expect(parts.geometry.origin).toEqual(original.geometry.origin);
    expect(parts.geometry.direction.map((v, i) => (i % 3 === 2 ? -v : v))).toEqual(
      original.geometry.direction,
    );
  });
});

describe('splitMosaic', () => {
  const info = { slices: 3, tilesAcross: 2, tileColumns: 2, tileRows: 1 };
  // A 4×2 mosaic: tiles [0,1] [2,3] on the first row, [4,5] then an empty tile on the second.
  const frame = new Int16Array([0, 1, 2, 3, 4, 5, -1, -1]);

  it('cuts tiles row by row into a new array of the same class', () => {
    const out = splitMosaic(frame, 4, 2, info);
    expect(out).toBeInstanceOf(Int16Array);
    expect(Array.from(out)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(Array.from(frame)).toEqual([0, 1, 2, 3, 4, 5, -1, -1]);
    expect(splitMosaic(new Float32Array(frame), 4, 2, info)).toBeInstanceOf(Float32Array);
  });

  it('rejects a short frame and a layout that does not match', () => {
    expect(() => splitMosaic(frame.subarray(0, 7), 4, 2, info)).toThrow(ImageReadError);
    expect(() => splitMosaic(frame, 2, 4, info)).toThrow(RangeError);
  });

  it('places the first tile at the mosaic position shifted by (columns - tile) / 2 as dcm2niix does', () => {
    const dataSet = parse(readBytes(TS_MOSAIC));
    const geometry = mosaicGeometry(dataSet, readMosaicInfo(dataSet)!);
    // Image Position (Patient) -624\-661.82658862211\-6.5255017698948, shifted 160 columns and 160 rows
    // of 3.25 mm along row (1, -1e-16, 0) and column (1e-16, 0.99415096409965, -0.1079993545339).
    expect(geometry.origin[0]).toBeCloseTo(-104, 6);
    expect(geometry.origin[1]).toBeCloseTo(-661.82658862211 + 520 * 0.99415096409965, 6);
    expect(geometry.origin[2]).toBeCloseTo(-6.5255017698948 - 520 * 0.1079993545339, 6);
  });
});
