import { readFileSync } from 'node:fs';
import openjphFactory from '@cornerstonejs/codec-openjph';
import dicomParser from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { decodeFrame } from './decode-frame.js';
import { buildDataSet, monochromeElements, withElements } from './test-dataset.js';

const TESTDATA = new URL('../../../../../../shared/testdata/', import.meta.url);

interface Encoder {
  getDecodedBuffer(info: Record<string, unknown>): Uint8Array;
  encode(): void;
  getEncodedBuffer(): Uint8Array;
  delete(): void;
}

/** The shared data has no HTJ2K file: encode MR_small's pixels losslessly with OpenJPH's encoder. */
async function encodeHtj2k(pixels: Int16Array, width: number, height: number): Promise<Uint8Array> {
  const module = (await openjphFactory({ print() {}, printErr() {} })) as { HTJ2KEncoder: new () => Encoder };
  const encoder = new module.HTJ2KEncoder();
  const info = {
    width,
    height,
    bitsPerSample: 16,
    componentCount: 1,
    isSigned: true,
    isUsingColorTransform: false,
  };
  encoder.getDecodedBuffer(info).set(new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength));
  encoder.encode();
  const codestream = encoder.getEncodedBuffer().slice();
  encoder.delete();
  return codestream;
}

describe('HTJ2K', () => {
  it('decodes a lossless HTJ2K frame of a real image back to its values', async () => {
    const source = dicomParser.parseDicom(readFileSync(new URL('pydicom/MR_small.dcm', TESTDATA)));
    const original = await decodeFrame(source, '1.2.840.10008.1.2.1', 0);
    const codestream = await encodeHtj2k(original.pixels as Int16Array, 64, 64);
    const elements = withElements(monochromeElements(64, 64, 16), [
      [0x00280103, 'US', [1]],
      [0x7fe00010, 'OB', { fragments: [codestream] }],
    ]);
    const decoded = await decodeFrame(
      buildDataSet(elements, '1.2.840.10008.1.2.4.201'),
      '1.2.840.10008.1.2.4.201',
      0,
    );
    expect(decoded.pixels).toBeInstanceOf(Int16Array);
    expect([...decoded.pixels]).toEqual([...original.pixels]);
  });
});
