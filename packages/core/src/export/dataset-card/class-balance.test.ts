import { describe, expect, it } from 'vitest';
import type { SplitSummary } from '../splits/split-summary.js';
import { testLabel } from '../splits/split-test-data.js';
import { classBalance, unicodeBar } from './class-balance.js';

describe('unicodeBar', () => {
  // Hand-computed: fraction × width × 8 eighths, rounded; 8 eighths per full block '█'.
  it.each([
    [1, 20, '████████████████████'], // 160 eighths = 20 blocks
    [0.5, 20, '██████████'], // 80 eighths = 10 blocks
    [0.3, 10, '███'], // 24 eighths = 3 blocks
    [0.45, 10, '████▌'], // 36 eighths = 4 blocks + 4/8
    [0.01, 20, '▎'], // 1.6 eighths, rounded to 2 = '▎'
    [0, 20, ''],
  ])('draws fraction %f over %i characters as %j', (fraction, width, bar) => {
    expect(unicodeBar(fraction, width)).toBe(bar);
  });

  it('rejects fractions outside [0, 1] and widths that are not positive integers', () => {
    expect(() => unicodeBar(1.5, 10)).toThrow(RangeError);
    expect(() => unicodeBar(Number.NaN, 10)).toThrow(RangeError);
    expect(() => unicodeBar(0.5, 0)).toThrow(/width/);
  });
});

describe('classBalance', () => {
  const split = (name: SplitSummary['split'], a: number, b: number): SplitSummary => ({
    split: name,
    subjects: 0,
    images: 0,
    annotations: a + b,
    labels: [
      { labelId: 'a', labelName: 'a name', subjects: 0, images: 0, annotations: a },
      { labelId: 'b', labelName: 'b name', subjects: 0, images: 0, annotations: b },
    ],
    modalities: [],
  });

  it('sums each label over the splits and scales by the largest', () => {
    // a: 6 + 2 + 0 = 8, b: 1 + 0 + 1 = 2 → fractions 1 and 2/8.
    const bars = classBalance(
      [testLabel('a', 1), testLabel('b', 2)],
      [split('train', 6, 1), split('validation', 2, 0), split('test', 0, 1)],
    );
    expect(bars.map((b) => [b.labelName, b.annotations, b.fraction])).toEqual([
      ['a name', 8, 1],
      ['b name', 2, 0.25],
    ]);
  });

  it('gives every bar 0 when no label has annotations', () => {
    const bars = classBalance([testLabel('a', 1)], [split('train', 0, 0)]);
    expect(bars[0]?.fraction).toBe(0);
  });
});
