import { describe, expect, it } from 'vitest';
import { seededRandom } from '../demo/seeded-random.js';
import { majorityVoteMasks } from './majority-vote-masks.js';

/** Readers × voxels, written as rows so each column is one voxel's votes. */
function readers(...rows: number[][]): Uint8Array[] {
  return rows.map((row) => Uint8Array.from(row));
}

describe('majorityVoteMasks (hand-counted voxels)', () => {
  it('takes the label more than half of all readers gave, else background', () => {
    // Voxel by voxel, three readers: [1,1,0] → 2 of 3 say 1; [1,2,0] → no label has 2; [2,2,2] → 2;
    // [0,0,1] → background wins 2 of 3; [3,3,1] → 3.
    const masks = readers([1, 1, 2, 0, 3], [1, 2, 2, 0, 3], [0, 0, 2, 1, 1]);
    expect(Array.from(majorityVoteMasks(masks))).toEqual([1, 0, 2, 0, 3]);
  });

  it('sends exactly-half votes to background by default, to the label with tieBreak foreground', () => {
    // Four readers: [1,1,0,0] is a 2–2 tie with background; [1,1,2,2] ties two labels; [1,1,2,0] gives
    // label 1 exactly half with the rest split; [1,1,1,0] is a clear 3 of 4.
    const masks = readers([1, 1, 1, 1], [1, 1, 1, 1], [0, 2, 2, 1], [0, 2, 0, 0]);
    expect(Array.from(majorityVoteMasks(masks))).toEqual([0, 0, 0, 1]);
    expect(Array.from(majorityVoteMasks(masks, { tieBreak: 'foreground' }))).toEqual([1, 0, 1, 1]);
  });

  it('counts values outside `labels` as votes for background', () => {
    // With labels [1] only, the 2s are background: [2,2,1] → 0 (two background votes); [1,1,2] → 1.
    const masks = readers([2, 1], [2, 1], [1, 2]);
    expect(Array.from(majorityVoteMasks(masks, { labels: [1] }))).toEqual([0, 1]);
    expect(Array.from(majorityVoteMasks(masks))).toEqual([2, 1]);
  });

  it('returns Uint8 for labels up to 255 and Uint16 above', () => {
    expect(majorityVoteMasks([Uint8Array.of(255)])).toBeInstanceOf(Uint8Array);
    const wide = majorityVoteMasks([Uint16Array.of(0, 1000), Uint16Array.of(1000, 1000)]);
    expect(wide).toBeInstanceOf(Uint16Array);
    expect(Array.from(wide)).toEqual([0, 1000]);
    expect(majorityVoteMasks([Uint8Array.of(1)], { labels: [1, 256] })).toBeInstanceOf(Uint16Array);
  });

  it('agrees with plain counting on random label maps', () => {
    // Reference: count every value's votes per voxel and apply the rule literally.
    const random = seededRandom(11);
    for (const n of [1, 2, 3, 4, 5, 6, 7]) {
      const masks = Array.from({ length: n }, () =>
        Uint8Array.from({ length: 2000 }, () => Math.floor(random.next() * 4)),
      );
      for (const tieBreak of ['background', 'foreground'] as const) {
        const expected = Array.from({ length: 2000 }, (_, i) => {
          const counts = new Map<number, number>();
          for (const m of masks) counts.set(m[i]!, (counts.get(m[i]!) ?? 0) + 1);
          const winner = [...counts].find(([, c]) => 2 * c > n);
          if (winner) return winner[0];
          const halves = [...counts].filter(([v, c]) => v !== 0 && 2 * c === n);
          return tieBreak === 'foreground' && halves.length === 1 ? halves[0]![0] : 0;
        });
        expect(Array.from(majorityVoteMasks(masks, { tieBreak }))).toEqual(expected);
      }
    }
  });
});

describe('majorityVoteMasks input checks', () => {
  it('says what is wrong', () => {
    expect(() => majorityVoteMasks([])).toThrow(/at least one reader/);
    expect(() => majorityVoteMasks([new Uint8Array(2), new Uint8Array(3)])).toThrow(/same voxels/);
    expect(() => majorityVoteMasks([[0, -1]])).toThrow(/reader 0, voxel 1/);
    expect(() => majorityVoteMasks([[0, 1]], { labels: [0] })).toThrow(/0 is background/);
    // @ts-expect-error: an unknown tie rule is rejected at run time too
    expect(() => majorityVoteMasks([[0, 1]], { tieBreak: 'random' })).toThrow(/tieBreak/);
  });
});
