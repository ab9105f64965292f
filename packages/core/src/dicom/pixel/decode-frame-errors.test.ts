import { readFileSync } from 'node:fs';
import dicomParser, { type DataSet } from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { ImageReadError } from '../../errors/image-read-error.js';
import { decodeAllFrames, decodeFrame } from './index.js';
import { buildDataSet, monochromeElements, withElements } from './test-dataset.js';

const TESTDATA = new URL('../../../../../../shared/testdata/', import.meta.url);

function readBytes(file: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(file, TESTDATA)));
}

function parse(bytes: Uint8Array): DataSet {
  try {
    return dicomParser.parseDicom(bytes);
  } catch (error) {
    // dicom-parser throws {exception, dataSet} for a truncated file; the partial dataset is what a
    // lenient caller would go on with.
    const partial = (error as { dataSet?: DataSet }).dataSet;
    if (!partial) throw error;
    return partial;
  }
}

async function readError(promise: Promise<unknown>): Promise<ImageReadError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImageReadError);
  return error as ImageReadError;
}

/** A copy of a real file with `patch` applied to its bytes at `offset`. */
function patched(file: string, at: (dataSet: DataSet) => number, patch: ArrayLike<number>): DataSet {
  const bytes = readBytes(file);
  bytes.set(patch, at(dicomParser.parseDicom(bytes)));
  return dicomParser.parseDicom(bytes);
}

const fragmentStart = (index: number) => (dataSet: DataSet) =>
  dataSet.elements.x7fe00010!.fragments![index]!.position;

describe('malformed files give ImageReadError', () => {
  it('MR_truncated: native pixel data cut short names expected and present bytes', async () => {
    const dataSet = parse(readBytes('pydicom/MR_truncated.dcm'));
    const error = await readError(decodeFrame(dataSet, '1.2.840.10008.1.2.1', 0));
    expect(error.code).toBe('PIXEL_DATA_SHORT');
    expect(error.message).toMatch(
      /Pixel Data has \d+ bytes but 1 frame\(s\) of 64x64x1 at 16 bits need 8192 bytes/,
    );
  });

  it('emri_small_jpeg_2k_lossless_too_short: no sequence delimiter (GDCM and DCMTK refuse it too)', async () => {
    const dataSet = parse(readBytes('pydicom-data/emri_small_jpeg_2k_lossless_too_short.dcm'));
    const error = await readError(decodeAllFrames(dataSet, '1.2.840.10008.1.2.4.90'));
    expect(error.code).toBe('TRUNCATED');
  });

  it('JPEG2000-embedded-sequence-delimiter: a codestream OpenJPEG cannot read (it returns 0x0 silently)', async () => {
    const dataSet = parse(readBytes('pydicom/JPEG2000-embedded-sequence-delimiter.dcm'));
    const error = await readError(decodeFrame(dataSet, '1.2.840.10008.1.2.4.91', 0));
    expect(error.code).toBe('CODEC_FAILED');
    expect(error.message).toMatch(/0x0 image/);
  });

  it("badVR: Number of Frames '1A'", async () => {
    const dataSet = parse(readBytes('pydicom/badVR.dcm'));
    const error = await readError(decodeAllFrames(dataSet, '1.2.840.10008.1.2.1'));
    expect(error.code).toBe('INVALID_ATTRIBUTE');
    expect(error.message).toContain("'1A'");
  });

  it('native pixel data one byte short of the last frame', async () => {
    const bytes = readBytes('pydicom-data/emri_small.dcm');
    const dataSet = parse(bytes.subarray(0, bytes.length - 1));
    const error = await readError(decodeFrame(dataSet, '1.2.840.10008.1.2.1', 0));
    expect(error.code).toBe('PIXEL_DATA_SHORT');
    expect(error.message).toContain('81919 bytes but 10 frame(s) of 64x64x1 at 16 bits need 81920 bytes');
  });

  it('a transfer syntax without a decoder', async () => {
    const dataSet = parse(readBytes('pydicom/MR_small.dcm'));
    const error = await readError(decodeFrame(dataSet, '1.2.840.10008.1.2.4.100', 0));
    expect(error.code).toBe('UNSUPPORTED_TRANSFER_SYNTAX');
  });

  it('no pixel data', async () => {
    const dataSet = buildDataSet(monochromeElements(2, 2));
    const error = await readError(decodeFrame(dataSet, '1.2.840.10008.1.2.1', 0));
    expect(error.code).toBe('MISSING_ATTRIBUTE');
  });
});

describe('codec failures are CODEC_FAILED, not crashes or hangs', () => {
  /** The first start-of-scan (JPEG family, FFDA) or start-of-data (JPEG 2000, FF93) marker turned into EOI. */
  function scanMarkerToEoi(file: string): DataSet {
    const bytes = readBytes(file);
    const fragment = dicomParser.parseDicom(bytes).elements.x7fe00010!.fragments![0]!;
    for (let i = fragment.position; i < fragment.position + fragment.length - 1; i++) {
      if (bytes[i] === 0xff && (bytes[i + 1] === 0xda || bytes[i + 1] === 0x93)) {
        bytes[i + 1] = 0xd9;
        return dicomParser.parseDicom(bytes);
      }
    }
    throw new Error(`no scan marker in ${file}`);
  }

  it.each([
    ['pydicom/SC_rgb_jpeg_dcmtk.dcm', '1.2.840.10008.1.2.4.50', /libjpeg-turbo could not decode the frame/],
    ['pydicom/JPGExtended.dcm', '1.2.840.10008.1.2.4.51', /dcmjs-codecs .*missing SOS marker/],
    [
      'pydicom-data/JPEG-LL.dcm',
      '1.2.840.10008.1.2.4.70',
      /jpeg-lossless-decoder-js could not decode the frame/,
    ],
    [
      'pydicom/MR_small_jpeg_ls_lossless.dcm',
      '1.2.840.10008.1.2.4.80',
      /CharLS could not decode the frame: .+/,
    ],
    [
      'pydicom/MR_small_jp2klossless.dcm',
      '1.2.840.10008.1.2.4.90',
      /JPEG 2000 Lossless returned a 0x0 image/,
    ],
  ])('%s ending before its first scan', async (file, ts, message) => {
    const error = await readError(decodeAllFrames(scanMarkerToEoi(file), ts));
    expect(error.code).toBe('CODEC_FAILED');
    expect(error.message).toMatch(message);
  });

  it('an RLE segment that decodes short', async () => {
    const dataSet = patched(
      'pydicom/MR_small_RLE.dcm',
      (d) => fragmentStart(0)(d) + 2000,
      new Uint8Array(200),
    );
    const error = await readError(decodeFrame(dataSet, '1.2.840.10008.1.2.5', 0));
    expect(error.code).toBe('CODEC_FAILED');
    expect(error.message).toMatch(/RLE: segment \d decodes to \d+ of 4096 bytes/);
  });

  it('a codec returning a different image size than Rows and Columns say', async () => {
    // MR_small_jp2klossless with Rows patched from 64 to 32: OpenJPEG still returns 64x64.
    const dataSet = patched(
      'pydicom/MR_small_jp2klossless.dcm',
      (d) => d.elements.x00280010!.dataOffset,
      [32, 0],
    );
    const error = await readError(decodeFrame(dataSet, '1.2.840.10008.1.2.4.90', 0));
    expect(error.code).toBe('CODEC_FAILED');
    expect(error.message).toContain(
      'returned a 64x64 image with 1 component(s); the pixel module says 64x32 with 1',
    );
  });

  it('plain JPEG 2000 labelled HTJ2K: OpenJPH returns nothing, which is reported', async () => {
    const dataSet = parse(readBytes('pydicom/MR_small_jp2klossless.dcm'));
    const error = await readError(decodeFrame(dataSet, '1.2.840.10008.1.2.4.201', 0));
    expect(error.code).toBe('CODEC_FAILED');
    expect(error.message).toContain('HTJ2K');
  });

  it('an RLE header that lists the wrong number of segments', async () => {
    const dataSet = patched('pydicom/MR_small_RLE.dcm', fragmentStart(0), [3, 0, 0, 0]);
    const error = await readError(decodeFrame(dataSet, '1.2.840.10008.1.2.5', 0));
    expect(error.code).toBe('CODEC_FAILED');
    expect(error.message).toContain('the header lists 3 segments, the pixel module needs 2');
  });
});

describe('pixel module checks reach decodeFrame', () => {
  it('YBR_FULL with 16-bit samples cannot be converted', async () => {
    const elements = withElements(monochromeElements(1, 2, 16), [
      [0x00280002, 'US', [3]],
      [0x00280004, 'CS', 'YBR_FULL'],
      [0x7fe00010, 'OW', new Uint8Array(12)],
    ]);
    const error = await readError(decodeFrame(buildDataSet(elements), '1.2.840.10008.1.2.1', 0));
    expect(error.code).toBe('UNSUPPORTED_IMAGE');
  });
});
