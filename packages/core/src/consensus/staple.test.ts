import { describe, expect, it } from 'vitest';
import { seededRandom } from '../demo/seeded-random.js';
import { staple } from './staple.js';
import { stapleMultiLabel } from './staple-multi-label.js';
import { actualRates, ball, noisyReader } from './test-readers.js';

const DIMS = [64, 64, 48] as const;
const truth = ball(DIMS, 18);

function dice(a: Uint8Array, b: Uint8Array): number {
  let both = 0;
  let total = 0;
  for (let i = 0; i < a.length; i++) {
    both += a[i]! & b[i]!;
    total += a[i]! + b[i]!;
  }
  return (2 * both) / total;
}

describe('staple on identical readers', () => {
  it('finds sensitivity = specificity = 1 and returns the input as consensus', () => {
    // Every reader agrees, so W is 1 on the mask and 0 elsewhere after the first E-step (Warfield eq. 16
    // with p = q = 1), and the second iteration changes nothing.
    const mask = ball([20, 20, 20], 6);
    for (const restrictToDisagreement of [true, false]) {
      const result = staple([mask, mask, mask], { restrictToDisagreement });
      expect(result.consensus).toEqual(mask);
      expect(Array.from(result.probability)).toEqual(Array.from(mask));
      for (const r of result.readers) expect(r).toEqual({ sensitivity: 1, specificity: 1 });
      expect(result.converged).toBe(true);
      expect(result.iterations).toBe(2);
    }
  });

  it('reports an undefined sensitivity (NaN) when no reader marked anything', () => {
    const empty = new Uint8Array(10);
    const result = staple([empty, empty]);
    expect(Array.from(result.consensus)).toEqual(Array(10).fill(0));
    expect(Array.from(result.probability)).toEqual(Array(10).fill(0));
    expect(result.readers[0]!.sensitivity).toBeNaN();
    expect(result.readers[0]!.specificity).toBe(1);
  });
});

describe('staple on readers corrupted at known rates (seeded, 64×64×48 volume, ball of radius 18)', () => {
  const random = seededRandom(903);
  const rates = [
    [0.95, 0.99],
    [0.9, 0.98],
    [0.85, 0.995],
    [0.98, 0.97],
    [0.8, 0.99],
  ] as const;
  const readers = rates.map(([p, q]) => noisyReader(truth, p, q, random));

  it('estimates each reader within 0.01 of its actual sensitivity and specificity', () => {
    const result = staple(readers);
    expect(result.converged).toBe(true);
    result.readers.forEach((estimate, j) => {
      const actual = actualRates(truth, readers[j]!);
      // The actual rates are what the corruption produced; the nominal ones differ by sampling noise only.
      expect(Math.abs(actual.sensitivity - rates[j]![0])).toBeLessThan(0.01);
      expect(Math.abs(estimate.sensitivity - actual.sensitivity)).toBeLessThan(0.01);
      expect(Math.abs(estimate.specificity - actual.specificity)).toBeLessThan(0.01);
    });
    expect(dice(result.consensus, truth)).toBeGreaterThan(0.99);
  });

  it('gives the same estimates whether or not it iterates only over disagreeing voxels', () => {
    const restricted = staple(readers, { restrictToDisagreement: true });
    const full = staple(readers, { restrictToDisagreement: false });
    restricted.readers.forEach((r, j) => {
      expect(r.sensitivity).toBeCloseTo(full.readers[j]!.sensitivity, 6);
      expect(r.specificity).toBeCloseTo(full.readers[j]!.specificity, 6);
    });
    expect(restricted.consensus).toEqual(full.consensus);
  });

  it('stops at maxIterations and says it did not converge', () => {
    const result = staple(readers, { maxIterations: 1 });
    expect(result.iterations).toBe(1);
    expect(result.converged).toBe(false);
  });
});

describe('staple with a reader who is pure noise', () => {
  it('estimates p + q ≈ 1 for that reader, so its vote barely moves W', () => {
    const random = seededRandom(42);
    const good = [0.92, 0.88, 0.95].map((p) => noisyReader(truth, p, 0.985, random));
    const noise = truth.map(() => (random.next() < 0.5 ? 1 : 0));
    const result = staple([...good, noise]);
    const { sensitivity: p, specificity: q } = result.readers[3]!;
    // A reader's weight in the E-step is the log-likelihood ratio of its vote: log(p/(1−q)) for a 1 and
    // log((1−p)/q) for a 0. Both are ≈ 0 for noise and large for the good readers.
    expect(Math.abs(p + q - 1)).toBeLessThan(0.02);
    expect(Math.abs(Math.log(p / (1 - q)))).toBeLessThan(0.05);
    expect(Math.abs(Math.log((1 - p) / q))).toBeLessThan(0.05);
    for (const r of result.readers.slice(0, 3))
      expect(Math.log(r.sensitivity / (1 - r.specificity))).toBeGreaterThan(3);
    expect(dice(result.consensus, truth)).toBeGreaterThan(0.98);
  });
});

describe('staple input checks', () => {
  it('rejects masks of different lengths, non-binary values and bad options', () => {
    expect(() => staple([])).toThrow(RangeError);
    expect(() => staple([new Uint8Array(4), new Uint8Array(5)])).toThrow(/same voxels/);
    expect(() => staple([Uint8Array.of(0, 2)])).toThrow(/0 or 1/);
    expect(() => staple([Uint8Array.of(0, 1)], { prior: 1 })).toThrow(/prior/);
    expect(() => staple([Uint8Array.of(0, 1)], { maxIterations: 0 })).toThrow(/maxIterations/);
    expect(() => staple([Uint8Array.of(0, 1)], { tolerance: -1 })).toThrow(/tolerance/);
  });

  it('rejects label lists with background, duplicates or out-of-range labels', () => {
    const maps = [Uint8Array.of(0, 1)];
    expect(() => stapleMultiLabel(maps, [0, 1])).toThrow(/0 is background/);
    expect(() => stapleMultiLabel(maps, [1, 1])).toThrow(/distinct/);
    expect(() => stapleMultiLabel(maps, [70000])).toThrow(RangeError);
    expect(() => stapleMultiLabel(maps, [])).toThrow(/at least one label/);
    expect(() => stapleMultiLabel([[0, 1.5]], [1])).toThrow(/integers/);
  });
});

describe('stapleMultiLabel', () => {
  it('returns a Uint16 map for labels above 255 and the per-label estimates', () => {
    const a = Uint16Array.of(0, 300, 300, 7, 7, 0);
    const result = stapleMultiLabel([a, a, a], [300, 7]);
    expect(result.consensus).toBeInstanceOf(Uint16Array);
    expect(Array.from(result.consensus)).toEqual([0, 300, 300, 7, 7, 0]);
    expect(result.labels.map((l) => l.label)).toEqual([300, 7]);
    for (const l of result.labels)
      for (const r of l.readers) expect(r).toEqual({ sensitivity: 1, specificity: 1 });
  });
});
