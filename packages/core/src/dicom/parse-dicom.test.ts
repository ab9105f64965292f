import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ImageReadError } from '../errors/image-read-error.js';
import { readTestdata } from '../test-support/shared-data.js';
import { parseDicom } from './parse-dicom.js';

function parse(path: string, untilPixelData = false) {
  return parseDicom(readTestdata(path), { file: path, untilPixelData });
}

function failure(path: string): ImageReadError {
  try {
    parse(path);
  } catch (error) {
    expect(error).toBeInstanceOf(ImageReadError);
    return error as ImageReadError;
  }
  throw new Error(`${path} parsed without error`);
}

describe('parseDicom', () => {
  it.each([
    ['pydicom/MR_small.dcm', '1.2.840.10008.1.2.1'],
    ['pydicom/MR_small_implicit.dcm', '1.2.840.10008.1.2'],
    ['pydicom/MR_small_bigendian.dcm', '1.2.840.10008.1.2.2'],
    ['pydicom/image_dfl.dcm', '1.2.840.10008.1.2.1.99'],
    ['pydicom/MR_small_RLE.dcm', '1.2.840.10008.1.2.5'],
  ])('reads %s as %s', (path, uid) => {
    const parsed = parse(path);
    expect(parsed.transferSyntaxUID).toBe(uid);
    expect(parsed.hasPart10Header).toBe(true);
    expect(parsed.dataSet.uint16('x00280010')).toBeGreaterThan(0);
  });

  it('reads the same header from every encoding of MR_small', () => {
    const names = ['MR_small', 'MR_small_implicit', 'MR_small_bigendian', 'MR_small_expb'];
    const headers = names.map((n) => {
      const ds = parse(`pydicom/${n}.dcm`).dataSet;
      return [ds.string('x00080018'), ds.uint16('x00280010'), ds.string('x00200032')];
    });
    // pydicom: MR_small is 64 rows, IPP -218.75\-128.3\-114.6 (the other encodings hold the same dataset).
    for (const h of headers) expect(h).toEqual(headers[0]);
    expect(headers[0]![1]).toBe(64);
  });

  it('inflates the deflated transfer syntax with an injected inflater', () => {
    const parsed = parseDicom(readTestdata('pydicom/image_dfl.dcm'), {
      inflateRaw: (b) => inflateRawSync(b),
    });
    // pydicom: image_dfl.dcm is 512x512, Modality OT.
    expect(parsed.dataSet.uint16('x00280011')).toBe(512);
    expect(parsed.dataSet.string('x00080060')).toBe('OT');
  });

  it('reads datasets without preamble or File Meta when the encoding is unambiguous', () => {
    const explicit = parse('pydicom/ExplVR_LitEndNoMeta.dcm');
    expect(explicit.hasPart10Header).toBe(false);
    expect(explicit.transferSyntaxUID).toBe('1.2.840.10008.1.2.1');
    const rt = parse('pydicom/rtstruct.dcm');
    expect(rt.transferSyntaxUID).toBe('1.2.840.10008.1.2');
    expect(rt.dataSet.string('x00080060')).toBe('RTSTRUCT');
  });

  it('stops at Pixel Data when asked, reading a header from the first bytes only', () => {
    const path = 'dcm_qa_ct/In/Philips/S21570/S2010/I10';
    const bytes = readTestdata(path);
    const parsed = parseDicom(bytes.subarray(0, 8192), { file: path, untilPixelData: true });
    expect(parsed.headerOnly).toBe(true);
    expect(parsed.dataSet.elements.x7fe00010?.length).toBe(512 * 512 * 2);
    expect(() => parseDicom(bytes.subarray(0, 8192), { file: path })).toThrow(ImageReadError);
  });

  it.each([
    ['pydicom/rtplan_truncated.dcm', 'TRUNCATED'],
    ['pydicom/MR_truncated.dcm', 'TRUNCATED'],
    // pydicom (force=True) reads one element of it: the dataset starts mid-element, so it is not readable.
    ['pydicom/no_meta.dcm', 'NOT_DICOM'],
    // Its meta has no Transfer Syntax UID and its dataset starts with the illegal group 0001.
    ['pydicom/meta_missing_tsyntax.dcm', 'MISSING_ATTRIBUTE'],
  ])('names the problem in %s', (path, code) => {
    const error = failure(path);
    expect(error.code).toBe(code);
    expect(error.message).toContain(path);
  });

  it('rejects bytes that are not DICOM', () => {
    const bytes = new TextEncoder().encode('hello, this is not a DICOM file at all; it is plain text.');
    expect(() => parseDicom(bytes, { file: 'notes.txt' })).toThrow(/notes.txt: not DICOM/);
  });
});
