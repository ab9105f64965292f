import type { Index3 } from './voxel-box.js';

/**
 * The foreground of a label image: 1 where the voxel equals `label`, or where it is non-zero when no
 * label is given; 0 elsewhere.
 */
export function foregroundMask(labels: ArrayLike<number>, label?: number): Uint8Array {
  const mask = new Uint8Array(labels.length);
  if (label === undefined) {
    for (let i = 0; i < labels.length; i++) mask[i] = labels[i] !== 0 ? 1 : 0;
  } else {
    for (let i = 0; i < labels.length; i++) mask[i] = labels[i] === label ? 1 : 0;
  }
  return mask;
}

/**
 * The surface of a mask (x fastest): 1 at foreground voxels with a background 6-neighbour, where
 * voxels outside the image count as background (the MONAI/medpy convention, so a mask touching the
 * image edge has a surface there).
 */
export function surfaceMask(mask: Uint8Array, dims: Index3): Uint8Array {
  const [nx, ny, nz] = dims;
  const plane = nx * ny;
  const surface = new Uint8Array(mask.length);
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        const i = x + y * nx + z * plane;
        if (mask[i] === 0) continue;
        const interior =
          x > 0 &&
          x < nx - 1 &&
          y > 0 &&
          y < ny - 1 &&
          z > 0 &&
          z < nz - 1 &&
          mask[i - 1] !== 0 &&
          mask[i + 1] !== 0 &&
          mask[i - nx] !== 0 &&
          mask[i + nx] !== 0 &&
          mask[i - plane] !== 0 &&
          mask[i + plane] !== 0;
        if (!interior) surface[i] = 1;
      }
    }
  }
  return surface;
}

/** How many voxels of a mask are set. */
export function countSet(mask: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < mask.length; i++) n += mask[i]!;
  return n;
}
