import type { ImageGeometry } from '../volume/image-volume.js';
import { indexToPatient, patientToIndex } from '../volume/patient-coordinates.js';
import { assertValidLabelMap, type LabelMap } from './label-map.js';

/**
 * The label map `map` (on grid `from`) laid onto grid `to`: each voxel of `to` takes the label of the voxel
 * of `from` whose centre is nearest its own, in patient space; voxels outside `from` are 0.
 *
 * The mask editor paints on the grid as displayed, which for a NIfTI turned the right way up is the stored
 * grid flipped or with its axes swapped; masks are saved on the stored grid, so that every reader of the
 * file finds voxel (i, j, k) where the image has it. Between such grids this is an exact permutation;
 * between grids that differ otherwise it is nearest-neighbour resampling.
 */
export function labelMapOntoGrid(map: LabelMap, from: ImageGeometry, to: ImageGeometry): LabelMap {
  assertValidLabelMap(map);
  const [fx, fy, fz] = map.dims;
  const [tx, ty, tz] = to.dims;
  const voxels =
    map.voxels instanceof Uint16Array ? new Uint16Array(tx * ty * tz) : new Uint8Array(tx * ty * tz);
  // The index mapping is affine: find where the target's origin and unit steps land once, then step.
  const toFrom = (index: readonly [number, number, number]) =>
    patientToIndex(from, indexToPatient(to, index));
  const base = toFrom([0, 0, 0]);
  const units: readonly (readonly [number, number, number])[] = [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ];
  const [si, sj, sk] = units.map((unit) => {
    const p = toFrom(unit);
    return [p[0] - base[0], p[1] - base[1], p[2] - base[2]];
  }) as [number[], number[], number[]];
  let n = 0;
  for (let k = 0; k < tz; k++)
    for (let j = 0; j < ty; j++)
      for (let i = 0; i < tx; i++, n++) {
        const x = Math.round(base[0] + i * si[0]! + j * sj[0]! + k * sk[0]!);
        const y = Math.round(base[1] + i * si[1]! + j * sj[1]! + k * sk[1]!);
        const z = Math.round(base[2] + i * si[2]! + j * sj[2]! + k * sk[2]!);
        if (x >= 0 && y >= 0 && z >= 0 && x < fx && y < fy && z < fz)
          voxels[n] = map.voxels[x + fx * (y + fy * z)]!;
      }
  return { dims: [tx, ty, tz], voxels };
}
