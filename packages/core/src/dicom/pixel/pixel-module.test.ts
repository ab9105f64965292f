import { readFileSync } from 'node:fs';
import dicomParser from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { ImageReadError } from '../../errors/image-read-error.js';
import { readPixelModule } from './pixel-module.js';
import { buildDataSet, monochromeElements, type TestElement, withElements } from './test-dataset.js';

const TESTDATA = new URL('../../../../../../shared/testdata/', import.meta.url);

function moduleOf(file: string) {
  return readPixelModule(dicomParser.parseDicom(readFileSync(new URL(file, TESTDATA))));
}

function errorOf(elements: TestElement[]): ImageReadError {
  try {
    readPixelModule(buildDataSet(elements));
  } catch (error) {
    expect(error).toBeInstanceOf(ImageReadError);
    return error as ImageReadError;
  }
  throw new Error('readPixelModule accepted the dataset');
}

describe('readPixelModule on real files (values as dcmdump shows them)', () => {
  it('CT_small: signed 16-bit, one frame', () => {
    expect(moduleOf('pydicom/CT_small.dcm')).toEqual({
      rows: 128,
      columns: 128,
      samplesPerPixel: 1,
      bitsAllocated: 16,
      bitsStored: 16,
      highBit: 15,
      pixelRepresentation: 1,
      planarConfiguration: 0,
      photometricInterpretation: 'MONOCHROME2',
      numberOfFrames: 1,
    });
  });

  it('examples_ybr_color: 30 frames of YBR_FULL_422', () => {
    expect(moduleOf('pydicom/examples_ybr_color.dcm')).toMatchObject({
      rows: 240,
      columns: 320,
      samplesPerPixel: 3,
      bitsAllocated: 8,
      photometricInterpretation: 'YBR_FULL_422',
      planarConfiguration: 0,
      numberOfFrames: 30,
    });
  });

  it('ExplVR_BigEnd: planar RGB read through the big-endian parser', () => {
    expect(moduleOf('pydicom/ExplVR_BigEnd.dcm')).toMatchObject({
      rows: 60,
      columns: 80,
      planarConfiguration: 1,
    });
  });

  it('RG3_J2KI: 10 of 16 bits, MONOCHROME1', () => {
    expect(moduleOf('pydicom-data/RG3_J2KI.dcm')).toMatchObject({
      bitsAllocated: 16,
      bitsStored: 10,
      highBit: 9,
      photometricInterpretation: 'MONOCHROME1',
    });
  });

  it('liver: 1-bit SEG with 3 frames', () => {
    expect(moduleOf('pydicom-data/liver.dcm')).toMatchObject({
      bitsAllocated: 1,
      bitsStored: 1,
      numberOfFrames: 3,
    });
  });

  it("badVR: Number of Frames '1A' is INVALID_ATTRIBUTE", () => {
    expect(() => moduleOf('pydicom/badVR.dcm')).toThrow(
      expect.objectContaining({ code: 'INVALID_ATTRIBUTE' }),
    );
  });
});

describe('readPixelModule checks', () => {
  const base = [...monochromeElements(2, 2, 16), [0x7fe00010, 'OW', new Uint8Array(8)] as TestElement];

  it.each([
    ['Rows 0', [[0x00280010, 'US', [0]]], 'INVALID_ATTRIBUTE', /0x2 pixels/],
    ['Bits Stored above Bits Allocated', [[0x00280101, 'US', [17]]], 'INVALID_ATTRIBUTE', /Bits Stored 17/],
    ['High Bit below Bits Stored − 1', [[0x00280102, 'US', [10]]], 'INVALID_ATTRIBUTE', /High Bit 10/],
    [
      'Bits Allocated 12',
      [
        [0x00280100, 'US', [12]],
        [0x00280101, 'US', [12]],
        [0x00280102, 'US', [11]],
      ],
      'UNSUPPORTED_IMAGE',
      /12/,
    ],
    ['Pixel Representation 2', [[0x00280103, 'US', [2]]], 'INVALID_ATTRIBUTE', /Pixel Representation/],
    [
      '3 samples for MONOCHROME2',
      [[0x00280002, 'US', [3]]],
      'INVALID_ATTRIBUTE',
      /needs Samples per Pixel 1/,
    ],
    [
      'retired CMYK',
      [
        [0x00280002, 'US', [4]],
        [0x00280004, 'CS', 'CMYK'],
      ],
      'UNSUPPORTED_IMAGE',
      /CMYK/,
    ],
    ['Number of Frames 0', [[0x00280008, 'IS', '0']], 'INVALID_ATTRIBUTE', /Number of Frames is 0/],
    ['Number of Frames 2.5', [[0x00280008, 'IS', '2.5']], 'INVALID_ATTRIBUTE', /'2.5'/],
    ['PALETTE COLOR without LUTs', [[0x00280004, 'CS', 'PALETTE COLOR']], 'MISSING_ATTRIBUTE', /Palette/],
  ] as const)('%s', (_name, changes, code, message) => {
    const error = errorOf(withElements(base, changes as unknown as TestElement[]));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it('reports absent Rows as MISSING_ATTRIBUTE', () => {
    const error = errorOf(base.filter(([tag]) => tag !== 0x00280010));
    expect(error.code).toBe('MISSING_ATTRIBUTE');
  });

  it('reads Number of Frames with the spaces IS allows, and defaults High Bit and Planar Configuration', () => {
    const elements = withElements(
      base.filter(([tag]) => tag !== 0x00280102),
      [[0x00280008, 'IS', ' 1']],
    );
    expect(readPixelModule(buildDataSet(elements))).toMatchObject({
      numberOfFrames: 1,
      highBit: 15,
      planarConfiguration: 0,
    });
  });
});
