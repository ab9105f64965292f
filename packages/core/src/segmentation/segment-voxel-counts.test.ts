import { describe, expect, it } from 'vitest';
import { segmentVoxelCounts } from './segment-voxel-counts.js';
import { emptyLabelMap, paint } from './test-label-maps.js';

describe('segmentVoxelCounts', () => {
  it('counts each segment, ascending, without the background', () => {
    const map = emptyLabelMap([4, 3, 2]);
    paint(map, 3, (i) => i === 0); // 6 voxels
    paint(map, 1, (i, j, k) => i > 0 && j === 2 && k === 1); // 3 voxels
    expect([...segmentVoxelCounts(map)]).toEqual([
      [1, 3],
      [3, 6],
    ]);
  });

  it('counts uint16 labels above 255', () => {
    const map = emptyLabelMap([2, 2, 1], 'uint16');
    map.voxels.set([0, 1000, 1000, 65535]);
    expect(segmentVoxelCounts(map)).toEqual(
      new Map([
        [1000, 2],
        [65535, 1],
      ]),
    );
  });

  it('is empty for an empty map and rejects voxels that do not fill the dims', () => {
    expect(segmentVoxelCounts(emptyLabelMap([3, 3, 3])).size).toBe(0);
    expect(() => segmentVoxelCounts({ dims: [2, 2, 2], voxels: new Uint8Array(7) })).toThrow(RangeError);
  });
});
