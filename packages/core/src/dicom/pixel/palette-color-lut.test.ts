import { describe, expect, it } from 'vitest';
import { decodeFrame } from './decode-frame.js';
import { buildDataSet, monochromeElements, type TestElement, withElements } from './test-dataset.js';

const ELE = '1.2.840.10008.1.2.1';

function words(values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * 2);
  values.forEach((v, i) => new DataView(out.buffer).setUint16(i * 2, v, true));
  return out;
}

/** A PALETTE COLOR image of one row with `pixels` stored in 8 bits, plus LUT elements. */
function paletteImage(pixels: number[], lut: TestElement[], signed = false): TestElement[] {
  return withElements(monochromeElements(1, pixels.length, 8), [
    [0x00280004, 'CS', 'PALETTE COLOR'],
    [0x00280103, 'US', [signed ? 1 : 0]],
    [0x7fe00010, 'OB', Uint8Array.from(pixels, (p) => p & 0xff)],
    ...lut,
  ]);
}

function descriptors(vr: 'US' | 'SS', values: number[]): TestElement[] {
  return [0x00281101, 0x00281102, 0x00281103].map((tag) => [tag, vr, values] as TestElement);
}

// Expected values: pydicom 2.3.1 apply_color_lut on the same LUTs and stored values (Debian /usr/bin/python3).
describe('PALETTE COLOR images decode to RGB as pydicom apply_color_lut gives', () => {
  it('8-bit entries; values below First Mapped take the first entry, above the last', async () => {
    const lut: TestElement[] = [
      ...descriptors('US', [4, 1, 8]),
      [0x00281201, 'OW', Uint8Array.of(10, 20, 30, 40)],
      [0x00281202, 'OW', Uint8Array.of(50, 60, 70, 80)],
      [0x00281203, 'OW', Uint8Array.of(90, 100, 110, 120)],
    ];
    const frame = await decodeFrame(buildDataSet(paletteImage([0, 1, 2, 9], lut)), ELE, 0);
    expect(frame).toMatchObject({
      photometricInterpretation: 'RGB',
      sourcePhotometricInterpretation: 'PALETTE COLOR',
    });
    expect(frame.samplesPerPixel).toBe(3);
    expect(frame.pixels).toBeInstanceOf(Uint8Array);
    expect([...frame.pixels]).toEqual([10, 50, 90, 10, 50, 90, 20, 60, 100, 40, 80, 120]);
  });

  it('16-bit entries stay 16-bit (pydicom does not scale them to 8 bits)', async () => {
    const lut: TestElement[] = [
      ...descriptors('US', [4, 1, 16]),
      [0x00281201, 'OW', words([1000, 2000, 3000, 65535])],
      [0x00281202, 'OW', words([0, 1, 2, 3])],
      [0x00281203, 'OW', words([4, 5, 6, 7])],
    ];
    const frame = await decodeFrame(buildDataSet(paletteImage([0, 1, 2, 9], lut)), ELE, 0);
    expect(frame.pixels).toBeInstanceOf(Uint16Array);
    expect([...frame.pixels]).toEqual([1000, 0, 4, 1000, 0, 4, 2000, 1, 5, 65535, 3, 7]);
    expect(frame.pixelModule.palette).toMatchObject({
      numberOfEntries: 4,
      firstMappedValue: 1,
      bitsPerEntry: 16,
    });
  });

  it('a signed first mapped value for signed pixel data', async () => {
    const lut: TestElement[] = [
      ...descriptors('SS', [4, -2, 8]),
      [0x00281201, 'OW', Uint8Array.of(1, 2, 3, 4)],
      [0x00281202, 'OW', Uint8Array.of(5, 6, 7, 8)],
      [0x00281203, 'OW', Uint8Array.of(9, 10, 11, 12)],
    ];
    const frame = await decodeFrame(buildDataSet(paletteImage([-5, -2, 0, 3], lut, true)), ELE, 0);
    expect([...frame.pixels]).toEqual([1, 5, 9, 1, 5, 9, 3, 7, 11, 4, 8, 12]);
  });

  it('segmented LUTs with discrete, linear and indirect segments', async () => {
    // pydicom _expand_segmented_lut((0,2,0,100, 1,5,200, 2,1,0,0, 1,3,0), '<H')
    //   = [0, 100, 120, 140, 160, 180, 200, 0, 100, 67, 33, 0]
    const segments = words([0, 2, 0, 100, 1, 5, 200, 2, 1, 0, 0, 1, 3, 0]);
    const lut: TestElement[] = [
      ...descriptors('US', [12, 0, 16]),
      [0x00281221, 'OW', segments],
      [0x00281222, 'OW', segments],
      [0x00281223, 'OW', segments],
    ];
    const frame = await decodeFrame(
      buildDataSet(paletteImage([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], lut)),
      ELE,
      0,
    );
    const red = [...frame.pixels].filter((_, i) => i % 3 === 0);
    expect(red).toEqual([0, 100, 120, 140, 160, 180, 200, 0, 100, 67, 33, 0]);
    expect(frame.pixelModule.palette?.segmented).toBe(true);
  });
});
