import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../demo/seeded-random.js';
import { staple } from './staple.js';
import { stapleMultiLabel } from './staple-multi-label.js';
import { ball, noisyReader } from './test-readers.js';

// The reference is staple-reference.py: Warfield's EM written independently in NumPy (float64, every voxel
// iterated, no closed form for unanimous voxels), run at test time with the system Python.
const SCRIPT = fileURLToPath(new URL('./staple-reference.py', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'voxelhub-staple-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Reference {
  label: number;
  sensitivity: number[];
  specificity: number[];
  probability: number[];
  iterations: number;
  converged: boolean;
  prior: number;
}

function reference(maps: Uint8Array[], labels: number[], prior?: number): Reference[] {
  const file = join(work, `votes-${labels.join('-')}-${prior ?? 'auto'}.u8`);
  const votes = new Uint8Array(maps.length * maps[0]!.length);
  maps.forEach((m, r) => votes.set(m, r * m.length));
  writeFileSync(file, votes);
  const args = [SCRIPT, file, `${maps.length}`, `${maps[0]!.length}`, labels.join(','), '100', '1e-7'];
  if (prior !== undefined) args.push(`${prior}`);
  return JSON.parse(execFileSync('/usr/bin/python3', args, { encoding: 'utf8' })) as Reference[];
}

function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

// A small case: a ball of radius 5 in 16×14×12 and four readers of different quality.
const DIMS = [16, 14, 12] as const;
const truth = ball(DIMS, 5);
const random = seededRandom(20040701);
const readers = [
  noisyReader(truth, 0.95, 0.99, random),
  noisyReader(truth, 0.85, 0.97, random),
  noisyReader(truth, 0.9, 0.995, random),
  noisyReader(truth, 0.7, 0.9, random),
];

describe('staple against an independent NumPy implementation of Warfield 2004', () => {
  for (const restrictToDisagreement of [true, false]) {
    for (const prior of [undefined, 0.2]) {
      it(`matches to 1e-6 (restrictToDisagreement ${restrictToDisagreement}, prior ${prior ?? 'default'})`, () => {
        const [expected] = reference(readers, [1], prior);
        const result = staple(readers, { restrictToDisagreement, ...(prior === undefined ? {} : { prior }) });
        expect(result.prior).toBeCloseTo(expected!.prior, 12);
        result.readers.forEach((r, j) => {
          expect(Math.abs(r.sensitivity - expected!.sensitivity[j]!)).toBeLessThan(1e-6);
          expect(Math.abs(r.specificity - expected!.specificity[j]!)).toBeLessThan(1e-6);
        });
        expect(maxAbsDifference(result.probability, expected!.probability)).toBeLessThan(1e-6);
        expect(result.converged).toBe(expected!.converged);
        // Float32 W may shift the last, sub-tolerance step by one iteration at most.
        expect(Math.abs(result.iterations - expected!.iterations)).toBeLessThanOrEqual(1);
      });
    }
  }
});

describe('stapleMultiLabel against the same reference run per label', () => {
  it('matches each label, and combines by the highest W ≥ 0.5', () => {
    // Label 1 is the ball, label 2 a slab the ball does not reach; readers corrupt both.
    const slab = truth.map((t, i) => (!t && i % DIMS[0] < 3 ? 1 : 0));
    const labelRandom = seededRandom(7);
    const maps = [0.95, 0.9, 0.8].map((p) => {
      const one = noisyReader(truth, p, 0.98, labelRandom);
      const two = noisyReader(slab, p, 0.98, labelRandom);
      return one.map((v, i) => (two[i] ? 2 : v));
    });
    const expected = reference(maps, [1, 2]);
    const result = stapleMultiLabel(maps, [1, 2]);
    result.labels.forEach((entry, l) => {
      expect(entry.label).toBe(expected[l]!.label);
      entry.readers.forEach((r, j) => {
        expect(Math.abs(r.sensitivity - expected[l]!.sensitivity[j]!)).toBeLessThan(1e-6);
        expect(Math.abs(r.specificity - expected[l]!.specificity[j]!)).toBeLessThan(1e-6);
      });
    });
    const [w1, w2] = [expected[0]!.probability, expected[1]!.probability];
    let compared = 0;
    for (let i = 0; i < truth.length; i++) {
      // Skip voxels where the reference's two W are too close for Float32 to order them the same way.
      if (Math.abs(w1[i]! - w2[i]!) < 1e-5 || Math.abs(Math.max(w1[i]!, w2[i]!) - 0.5) < 1e-5) continue;
      const best = w2[i]! > w1[i]! ? 2 : 1;
      const wanted = Math.max(w1[i]!, w2[i]!) >= 0.5 ? best : 0;
      expect(result.consensus[i]).toBe(wanted);
      compared++;
    }
    expect(compared).toBeGreaterThan(truth.length * 0.99);
  });
});
