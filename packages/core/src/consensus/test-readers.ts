import type { SeededRandom } from '../demo/seeded-random.js';

/** Test phantoms for the consensus tests: a ball as the truth and readers who miss it at known rates. */

/** A binary ball in an x-fastest volume of the given size. */
export function ball(dims: readonly [number, number, number], radius: number): Uint8Array {
  const [nx, ny, nz] = dims;
  const mask = new Uint8Array(nx * ny * nz);
  const [cx, cy, cz] = [(nx - 1) / 2, (ny - 1) / 2, (nz - 1) / 2];
  for (let z = 0; z < nz; z++)
    for (let y = 0; y < ny; y++)
      for (let x = 0; x < nx; x++)
        if ((x - cx) ** 2 + (y - cy) ** 2 + (z - cz) ** 2 <= radius ** 2) mask[x + nx * (y + ny * z)] = 1;
  return mask;
}

/** A reader who marks each true voxel with probability `sensitivity` and each other voxel with 1 − `specificity`. */
export function noisyReader(
  truth: Uint8Array,
  sensitivity: number,
  specificity: number,
  random: SeededRandom,
): Uint8Array {
  return truth.map((t) => {
    const u = random.next();
    return t ? (u < sensitivity ? 1 : 0) : u < specificity ? 0 : 1;
  });
}

/** The reader's actual true-positive and true-negative fractions against the truth. */
export function actualRates(
  truth: Uint8Array,
  reader: Uint8Array,
): { sensitivity: number; specificity: number } {
  let tp = 0;
  let tn = 0;
  let positives = 0;
  for (let i = 0; i < truth.length; i++) {
    if (truth[i]) {
      positives++;
      tp += reader[i]!;
    } else tn += 1 - reader[i]!;
  }
  return { sensitivity: tp / positives, specificity: tn / (truth.length - positives) };
}
