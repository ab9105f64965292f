import { describe, expect, it } from 'vitest';
import { fromColumns } from '../geometry/matrix3.js';
import type { ImageGeometry } from '../volume/image-volume.js';
import { indexToPatient } from '../volume/patient-coordinates.js';
import type { LabelMap } from './label-map.js';
import { labelMapOntoGrid } from './label-map-onto-grid.js';

/** A stored grid (RAS-like, as NIfTI files often are) and the same voxels displayed flipped and transposed. */
const stored: ImageGeometry = {
  dims: [5, 4, 3],
  spacing: [0.8, 1.2, 2],
  origin: [10, -20, 30],
  direction: fromColumns([-1, 0, 0], [0, -1, 0], [0, 0, 1]),
};
const displayed: ImageGeometry = {
  dims: [4, 5, 3],
  spacing: [1.2, 0.8, 2],
  origin: indexToPatient(stored, [4, 3, 0]),
  direction: fromColumns([0, 1, 0], [1, 0, 0], [0, 0, 1]),
};

function numbered(dims: readonly [number, number, number]): LabelMap {
  const voxels = new Uint8Array(dims[0] * dims[1] * dims[2]);
  voxels.forEach((_, n) => {
    voxels[n] = (n % 250) + 1;
  });
  return { dims, voxels };
}

describe('labelMapOntoGrid', () => {
  it('moves every voxel to the voxel at the same patient position, and back exactly', () => {
    const onDisplay = numbered([4, 5, 3]);
    const onStored = labelMapOntoGrid(onDisplay, displayed, stored);
    expect(onStored.dims).toEqual([5, 4, 3]);
    for (const [i, j, k] of [
      [0, 0, 0],
      [4, 3, 2],
      [2, 1, 1],
    ] as const) {
      // Find the displayed index of the same place by its patient position.
      const p = indexToPatient(stored, [i, j, k]);
      const match = [...Array(60).keys()].find((n) => {
        const d = [n % 4, Math.floor(n / 4) % 5, Math.floor(n / 20)] as const;
        const q = indexToPatient(displayed, d);
        return Math.hypot(q[0] - p[0], q[1] - p[1], q[2] - p[2]) < 1e-6;
      })!;
      expect(onStored.voxels[i + 5 * (j + 4 * k)]).toBe(onDisplay.voxels[match]);
    }
    expect(Array.from(labelMapOntoGrid(onStored, stored, displayed).voxels)).toEqual(
      Array.from(onDisplay.voxels),
    );
  });

  it('leaves voxels outside the source grid empty and keeps 16-bit labels', () => {
    const big = { ...stored, dims: [7, 4, 3] as const };
    const map: LabelMap = { dims: [5, 4, 3], voxels: new Uint16Array(60).fill(300) };
    const onBig = labelMapOntoGrid(map, stored, big);
    expect(onBig.voxels).toBeInstanceOf(Uint16Array);
    expect(onBig.voxels[5]).toBe(0); // i = 5 is past the source's last column
    expect(onBig.voxels[4]).toBe(300);
  });
});
