import { describe, expect, it } from 'vitest';
import { mulberry32 } from './seeded-random.js';

describe('mulberry32', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, mulberry32(seed));
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('is uniform on [0, 1): mean 1/2 and variance 1/12 within sampling error of 100 000 draws', () => {
    // Standard errors: mean 0.289/√n ≈ 0.0009, variance ≈ 0.0003; the bounds are over 5 of them.
    const random = mulberry32(2026);
    const n = 100_000;
    const bins = new Array<number>(10).fill(0);
    let sum = 0;
    let squares = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = random();
      if (!(u >= 0 && u < 1)) outside++;
      sum += u;
      squares += u * u;
      bins[Math.floor(u * 10)]! += 1;
    }
    expect(outside).toBe(0);
    const mean = sum / n;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(squares / n - mean * mean - 1 / 12)).toBeLessThan(0.002);
    // Each decile holds 10 000 ± 95 (binomial sd); 500 is over 5 sd.
    for (const count of bins) expect(Math.abs(count - n / 10)).toBeLessThan(500);
  });

  it('rejects a seed that is not an integer', () => {
    expect(() => mulberry32(1.5)).toThrow(RangeError);
  });
});
