import { cache, type Types, utilities, volumeLoader } from '@cornerstonejs/core';
import { fillHoles, interpolateBetweenSlices } from '@voxelhub/core/segmentation';
import { describe, expect, it } from 'vitest';
import { countLabelmapVoxels, readLabelMap, writeLabelMap } from './labelmap-images.js';
import { makeLabelmapStack } from './test-stack.js';

const managerOf = (id: string) => cache.getImage(id)!.voxelManager as Types.IVoxelManager<number>;

describe.each(['Volume', 'RLE'] as const)('labelmap images kept as %s', (representation) => {
  it('reads pixel (column, row) of stack image k as voxel column + nx·(row + ny·k)', () => {
    const { labelmapIds } = makeLabelmapStack({ columns: 4, rows: 3, count: 2, representation });
    managerOf(labelmapIds[1]!).setAtIJK(3, 2, 0, 7);
    managerOf(labelmapIds[0]!).setAtIJK(1, 0, 0, 2);
    const map = readLabelMap(labelmapIds, 4, 3);
    expect(map.dims).toEqual([4, 3, 2]);
    expect(map.voxels[3 + 4 * (2 + 3 * 1)]).toBe(7);
    expect(map.voxels[1]).toBe(2);
    expect(Array.from(map.voxels).filter((v) => v !== 0)).toHaveLength(2);
  });

  it('writes a label map back so that each image holds its slice', () => {
    const { labelmapIds } = makeLabelmapStack({ columns: 3, rows: 2, count: 3, representation });
    const voxels = Uint8Array.from({ length: 18 }, (_, i) => i % 4);
    writeLabelMap(labelmapIds, { dims: [3, 2, 3], voxels });
    expect(managerOf(labelmapIds[2]!).getAtIJK(2, 1, 0)).toBe(voxels[2 + 3 * (1 + 2 * 2)]);
    expect(readLabelMap(labelmapIds, 3, 2).voxels).toEqual(voxels);
    expect(countLabelmapVoxels(labelmapIds)).toEqual(
      new Map([
        [1, 5],
        [2, 4],
        [3, 4],
      ]),
    );
  });
});

describe('core operations through the labelmap images', () => {
  it('fills a ring drawn on one image', () => {
    const { labelmapIds } = makeLabelmapStack({ columns: 5, rows: 5, count: 2 });
    const ring = managerOf(labelmapIds[1]!);
    for (let i = 1; i <= 3; i++)
      for (let j = 1; j <= 3; j++) if (i !== 2 || j !== 2) ring.setAtIJK(i, j, 0, 1);
    const map = readLabelMap(labelmapIds, 5, 5);
    expect(fillHoles(map, 1, { mode: '2d' })).toBe(1);
    writeLabelMap(labelmapIds, map);
    expect(ring.getAtIJK(2, 2, 0)).toBe(1);
    expect(countLabelmapVoxels(labelmapIds).get(1)).toBe(9);
  });

  it('interpolates between two images into the ones between them', () => {
    const { labelmapIds } = makeLabelmapStack({ columns: 5, rows: 5, count: 3 });
    for (const k of [0, 2])
      for (let i = 1; i <= 3; i++)
        for (let j = 1; j <= 3; j++) managerOf(labelmapIds[k]!).setAtIJK(i, j, 0, 4);
    const map = readLabelMap(labelmapIds, 5, 5);
    expect(interpolateBetweenSlices(map, 4).filledSlices).toEqual([1]);
    writeLabelMap(labelmapIds, map);
    expect(managerOf(labelmapIds[1]!).getAtIJK(2, 2, 0)).toBe(4);
  });
});

describe("the sphere brush's labelmap volume", () => {
  // FILL_INSIDE_SPHERE on a stack paints a volume that Cornerstone builds over the labelmap images
  // (getOrCreateSegmentationVolume → createAndCacheVolumeFromImagesSync): its writes must land in the
  // images the editor reads, at the same patient position, whatever order the stack runs in.
  it.each([2, -2])('writes into the stack image at the same position (slice step %i mm)', (sliceStepMm) => {
    const { imageIds, labelmapIds } = makeLabelmapStack({ columns: 4, rows: 4, count: 5, sliceStepMm });
    expect(utilities.isValidVolume(imageIds)).toBe(true);
    const volume = volumeLoader.createAndCacheVolumeFromImagesSync(
      cache.generateVolumeId(labelmapIds),
      labelmapIds,
    );
    const target: Types.Point3 = [1, 2, 3 * sliceStepMm]; // stack image 3
    const [i, j, k] = utilities.transformWorldToIndex(volume.imageData, target);
    volume.voxelManager!.setAtIJK(i, j, k, 6);
    const map = readLabelMap(labelmapIds, 4, 4);
    expect(map.voxels[1 + 4 * (2 + 4 * 3)]).toBe(6);
    expect(countLabelmapVoxels(labelmapIds)).toEqual(new Map([[6, 1]]));
    cache.removeVolumeLoadObject(volume.volumeId);
  });
});
