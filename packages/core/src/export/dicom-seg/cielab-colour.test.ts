import dcmjs from 'dcmjs';
import { describe, expect, it } from 'vitest';
import { hexColourToDicomLab } from './cielab-colour.js';

// dcmjs's own conversion (D65, as here), an independent implementation to compare with.
const { Colors } = dcmjs.data as unknown as {
  Colors: { rgb2DICOMLAB(rgb: readonly number[]): number[] };
};

describe('hexColourToDicomLab (PS3.3 C.10.7.1.1 scaling, D65 white)', () => {
  it('white is L* 100, a* = b* = 0: 65535, 32896, 32896', () => {
    // a* = 0 scales to (0 + 128) × 65535 / 255 = 32896.
    expect(hexColourToDicomLab('#ffffff')).toEqual([65535, 32896, 32896]);
  });

  it('black is L* 0, a* = b* = 0', () => {
    expect(hexColourToDicomLab('#000000')).toEqual([0, 32896, 32896]);
  });

  it("sRGB red is Lindbloom's L* 53.2408, a* 80.0925, b* 67.2032 (D65), scaled", () => {
    // brucelindbloom.com colour calculator, sRGB (255, 0, 0), reference white D65.
    const expected = [53.2408 * 655.35, (80.0925 + 128) * 257, (67.2032 + 128) * 257];
    hexColourToDicomLab('#FF0000').forEach((v, i) => expect(Math.abs(v - expected[i]!)).toBeLessThan(2));
  });

  it.each(['#dd8265', '#123abc', '#80ff00', '#0000ff'])('%s agrees with dcmjs Colors.rgb2DICOMLAB', (hex) => {
    const rgb = [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16) / 255);
    const reference = Colors.rgb2DICOMLAB(rgb);
    // Within 0.02 L*a*b* units: dcmjs rounds the D65 white differently (0.950456, 1, 1.088754).
    const perUnit = [655.35, 257, 257];
    hexColourToDicomLab(hex).forEach((v, i) =>
      expect(Math.abs(v - reference[i]!) / perUnit[i]!).toBeLessThan(0.02),
    );
  });

  it('refuses a colour that is not #rrggbb', () => {
    expect(() => hexColourToDicomLab('red')).toThrow(TypeError);
  });
});
