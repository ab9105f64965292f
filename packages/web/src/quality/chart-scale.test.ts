import { describe, expect, it } from 'vitest';
import { daysBetween, linearScale, linePath, niceCeiling } from './chart-scale.js';

describe('linearScale', () => {
  it('maps the domain onto the range, inverted ranges included (SVG y grows downwards)', () => {
    const x = linearScale([0, 1], [0, 200]);
    expect(x(0)).toBe(0);
    expect(x(0.25)).toBe(50);
    expect(x(1)).toBe(200);
    // y: value 0 at the bottom (100 px), 10 at the top (0 px); 2.5 is a quarter up: 100 − 25 = 75.
    const y = linearScale([0, 10], [100, 0]);
    expect(y(2.5)).toBe(75);
  });

  it('puts everything in the middle when the domain has no width', () => {
    expect(linearScale([3, 3], [0, 80])(3)).toBe(40);
  });

  it('refuses non-finite bounds', () => {
    expect(() => linearScale([0, Number.NaN], [0, 1])).toThrow(RangeError);
  });
});

describe('niceCeiling', () => {
  it('rounds up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceCeiling(0.87)).toBe(1);
    expect(niceCeiling(1)).toBe(1);
    expect(niceCeiling(1.2)).toBe(2);
    expect(niceCeiling(2.2)).toBe(2.5);
    expect(niceCeiling(3.1)).toBe(5);
    expect(niceCeiling(7)).toBe(10);
    expect(niceCeiling(42)).toBe(50);
    expect(niceCeiling(0.3)).toBeCloseTo(0.5);
    expect(niceCeiling(0.1 + 0.2)).toBeCloseTo(0.5);
  });

  it('answers 1 for nothing to show', () => {
    expect(niceCeiling(0)).toBe(1);
    expect(niceCeiling(-3)).toBe(1);
    expect(niceCeiling(Number.NaN)).toBe(1);
  });
});

describe('linePath', () => {
  it('draws one line through consecutive points', () => {
    expect(
      linePath([
        { x: 0, y: 10 },
        { x: 5, y: 2.5 },
        { x: 10, y: 0 },
      ]),
    ).toBe('M0,10L5,2.5L10,0');
  });

  it('breaks the line at a missing value and draws a lone point as a dot', () => {
    expect(
      linePath([
        { x: 0, y: 1 },
        { x: 1, y: 2 },
        { x: 2, y: null },
        { x: 3, y: 4 },
      ]),
    ).toBe('M0,1L1,2M3,4h0');
  });

  it('is empty for no values', () => {
    expect(linePath([{ x: 0, y: null }])).toBe('');
    expect(linePath([])).toBe('');
  });

  it('rounds to two decimals', () => {
    expect(
      linePath([
        { x: 1 / 3, y: 2 / 3 },
        { x: 1, y: 1 },
      ]),
    ).toBe('M0.33,0.67L1,1');
  });
});

describe('daysBetween', () => {
  it('lists every day inclusive, across a month end', () => {
    expect(daysBetween('2026-01-30', '2026-02-02')).toEqual([
      '2026-01-30',
      '2026-01-31',
      '2026-02-01',
      '2026-02-02',
    ]);
  });

  it('is empty when the end is before the start, and refuses bad dates', () => {
    expect(daysBetween('2026-02-02', '2026-02-01')).toEqual([]);
    expect(() => daysBetween('yesterday', '2026-02-01')).toThrow(RangeError);
  });
});
