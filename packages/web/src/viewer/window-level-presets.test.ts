import { describe, expect, it } from 'vitest';
import { autoWindow, CT_PRESETS, presetsFor, voiRangeOf, windowOfRange } from './window-level-presets.js';

describe('window/level presets', () => {
  it('offers the five CT windows and auto for CT, auto alone elsewhere', () => {
    expect(presetsFor('CT').map((p) => p.id)).toEqual([
      'lung',
      'soft-tissue',
      'bone',
      'brain',
      'liver',
      'auto',
    ]);
    for (const modality of ['MR', 'US', 'DX', undefined])
      expect(presetsFor(modality).map((p) => p.id)).toEqual(['auto']);
  });

  it('uses the standard CT windows', () => {
    const byId = Object.fromEntries(CT_PRESETS.map((p) => [p.id, p.window]));
    expect(byId.lung).toEqual({ width: 1500, center: -600 });
    expect(byId['soft-tissue']).toEqual({ width: 400, center: 40 });
    expect(byId.bone).toEqual({ width: 1800, center: 400 });
    expect(byId.brain).toEqual({ width: 80, center: 40 });
    expect(byId.liver).toEqual({ width: 150, center: 30 });
  });

  it('converts a window to a value range and back', () => {
    expect(voiRangeOf({ width: 1500, center: -600 })).toEqual({ lower: -1350, upper: 150 });
    expect(windowOfRange(voiRangeOf({ width: 80, center: 40 }))).toEqual({ width: 80, center: 40 });
  });
});

describe('autoWindow', () => {
  it("prefers the image's own first window", () => {
    expect(
      autoWindow({ windowWidth: [400, 1500], windowCenter: [40, -600], minPixelValue: 0, maxPixelValue: 9 }),
    ).toEqual({
      width: 400,
      center: 40,
    });
  });

  it('falls back to the value span', () => {
    expect(autoWindow({ minPixelValue: 10, maxPixelValue: 250 })).toEqual({ width: 240, center: 130 });
    expect(autoWindow({ windowWidth: 0, windowCenter: 5, minPixelValue: 7, maxPixelValue: 7 })).toEqual({
      width: 1,
      center: 7,
    });
  });

  it('has no answer without hints', () => {
    expect(autoWindow({})).toBeUndefined();
  });
});
