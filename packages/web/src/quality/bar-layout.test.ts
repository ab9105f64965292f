import { describe, expect, it } from 'vitest';
import { layoutBars } from './bar-layout.js';

const options = { width: 300, rowHeight: 20, nameWidth: 80, valueWidth: 20 };

describe('layoutBars', () => {
  it('makes bar lengths proportional to value over a round axis end', () => {
    // Largest value 0.9 → axis 0..1 over 300 − 80 − 20 = 200 px: 0.9 → 180 px, 0.45 → 90 px.
    const layout = layoutBars(
      [
        { key: 'a', name: 'Liver', value: 0.9, text: '0.90' },
        { key: 'b', name: 'Spleen', value: 0.45, text: '0.45' },
      ],
      options,
    );
    expect(layout.max).toBe(1);
    expect(layout.plotWidth).toBe(200);
    expect(layout.bars.map((b) => [b.y, b.width])).toEqual([
      [0, 180],
      [20, 90],
    ]);
    expect(layout.height).toBe(40);
  });

  it('draws no bar for a missing value and keeps bars on the axis', () => {
    const layout = layoutBars(
      [
        { key: 'a', name: 'A', value: null, text: '—' },
        { key: 'b', name: 'B', value: 2, text: '2' },
        { key: 'c', name: 'C', value: -1, text: '-1' },
      ],
      { ...options, max: 1 },
    );
    expect(layout.bars.map((b) => [b.missing, b.width])).toEqual([
      [true, 0],
      [false, 200],
      [false, 0],
    ]);
  });

  it('places a threshold marker after the names, or nowhere when it is off the axis', () => {
    // 0.8 of 200 px after the 80 px of names.
    expect(layoutBars([], { ...options, max: 1, marker: 0.8 }).markerX).toBe(240);
    expect(layoutBars([], { ...options, max: 1, marker: 1.5 }).markerX).toBeNull();
    expect(layoutBars([], options).markerX).toBeNull();
  });
});
