import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../metrics/labels/seeded-random.js';
import { seededRandom, seededShuffle } from './seeded-shuffle.js';

describe('seededShuffle', () => {
  it('follows Fisher–Yates step by step', () => {
    // random() = 0 always picks j = 0: i=3 swaps d↔a → d b c a; i=2 swaps c↔d → c b d a; i=1 swaps b↔c
    // → b c d a, a rotation. random() just below 1 picks j = i every time: nothing moves.
    expect(seededShuffle(['a', 'b', 'c', 'd'], () => 0)).toEqual(['b', 'c', 'd', 'a']);
    expect(seededShuffle(['a', 'b', 'c', 'd'], () => 0.999_999)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('returns a permutation, leaves its input alone, and repeats with the same seed', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const first = seededShuffle(items, mulberry32(7));
    expect([...first].sort((a, b) => a - b)).toEqual(items);
    expect(items).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(seededShuffle(items, mulberry32(7))).toEqual(first);
    expect(seededShuffle(items, mulberry32(8))).not.toEqual(first);
  });

  it('rejects a seed that is not an integer, naming the caller', () => {
    expect(() => seededRandom(1.5, 'assignSplits')).toThrow(/assignSplits: seed must be an integer, got 1.5/);
    expect(() => seededRandom(Number.NaN, 'kFolds')).toThrow(RangeError);
  });
});
