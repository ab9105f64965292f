import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { IDENTITY3, type ImageVolume } from '@voxelhub/core';
import { seededRandom } from '@voxelhub/core/demo';
import { writeNiftiFile } from '@voxelhub/core/node';

/** Bump when the shapes change: the suite regenerates its pair when the marker's version differs. */
export const ORGAN_PAIR_VERSION = 1;

/** The grid of the example: a CT-sized label map. */
export const ORGAN_PAIR_DIMS = [512, 512, 300] as const;
export const ORGAN_PAIR_SPACING = [0.75, 0.75, 1] as const;

/** An ellipsoid lobe: centre and semi-axes in mm, relative to the organ's centre. */
interface Lobe {
  readonly centre: readonly [number, number, number];
  readonly axes: readonly [number, number, number];
}

/** A liver-like organ: a large lobe and a smaller one that merges into it. */
const LOBES: readonly Lobe[] = [
  { centre: [0, 0, 0], axes: [85, 65, 70] },
  { centre: [-70, 25, -20], axes: [45, 40, 35] },
];

/** The organ's centre in the image, in mm from voxel (0, 0, 0). */
const ORGAN_CENTRE = [200, 190, 150] as const;
/** Where the organ (and its wobble) can reach, in mm around its centre: the generator's loop bounds. */
const REACH = { min: [-130, -85, -85], max: [105, 85, 85] } as const;

/** Smooth bumps on the surface, as a share of the lobe's radius² (the reference's shape). */
function wobble(x: number, y: number, z: number): number {
  return (
    0.08 * Math.sin(0.045 * x + 0.6) * Math.sin(0.05 * y - 0.3) +
    0.06 * Math.sin(0.04 * z + 0.035 * x + 1.1) +
    0.04 * Math.sin(0.09 * y + 0.07 * z)
  );
}

/** How a second reader's (or a model's) outline departs from the reference: a few mm, smoothly. */
function disagreement(x: number, y: number, z: number): number {
  return 0.035 * Math.sin(0.11 * x + 0.05 * z + 2.2) + 0.03 * Math.sin(0.13 * y - 0.08 * x);
}

/** Lowest (x/a)² + (y/b)² + (z/c)² over the lobes: < 1 + bumps is inside. */
function lobeLevel(x: number, y: number, z: number): number {
  let level = Number.POSITIVE_INFINITY;
  for (const { centre, axes } of LOBES) {
    const u = (x - centre[0]) / axes[0];
    const v = (y - centre[1]) / axes[1];
    const w = (z - centre[2]) / axes[2];
    level = Math.min(level, u * u + v * v + w * w);
  }
  return level;
}

/**
 * The reference and test masks (uint8, 1 = organ) on the 512×512×300 grid. The test is the reference
 * moved by about 2 mm, with its outline bent by a few mm and, within about half a voxel of its
 * boundary, one voxel in ten flipped (the ragged edge of a model's output). Seeded: the same bytes on
 * every machine.
 */
export function organPair(): { ref: Uint8Array; test: Uint8Array } {
  const [nx, ny, nz] = ORGAN_PAIR_DIMS;
  const [sx, sy, sz] = ORGAN_PAIR_SPACING;
  const ref = new Uint8Array(nx * ny * nz);
  const test = new Uint8Array(nx * ny * nz);
  const random = seededRandom(20261128);
  const shift = [1.2, -0.8, 1.5];
  const range = (axis: 0 | 1 | 2, s: number) => [
    Math.floor((ORGAN_CENTRE[axis] + REACH.min[axis]) / s),
    Math.ceil((ORGAN_CENTRE[axis] + REACH.max[axis]) / s),
  ];
  const [x0, x1] = range(0, sx);
  const [y0, y1] = range(1, sy);
  const [z0, z1] = range(2, sz);
  for (let k = z0!; k <= z1!; k++) {
    const z = k * sz - ORGAN_CENTRE[2];
    for (let j = y0!; j <= y1!; j++) {
      const y = j * sy - ORGAN_CENTRE[1];
      for (let i = x0!; i <= x1!; i++) {
        const x = i * sx - ORGAN_CENTRE[0];
        const at = i + j * nx + k * nx * ny;
        if (lobeLevel(x, y, z) < 1 + wobble(x, y, z)) ref[at] = 1;
        const [tx, ty, tz] = [x - shift[0]!, y - shift[1]!, z - shift[2]!];
        const margin = 1 + wobble(tx, ty, tz) + disagreement(tx, ty, tz) - lobeLevel(tx, ty, tz);
        const inside = margin > 0;
        const ragged = Math.abs(margin) < 0.012 && random.next() < 0.1;
        if (inside !== ragged) test[at] = 1;
      }
    }
  }
  return { ref, test };
}

function labelVolume(data: Uint8Array, description: string): ImageVolume {
  return {
    kind: 'volume',
    dims: [...ORGAN_PAIR_DIMS],
    spacing: [...ORGAN_PAIR_SPACING],
    origin: [0, 0, 0],
    direction: IDENTITY3,
    timepoints: 1,
    dataType: 'uint8',
    samplesPerPixel: 1,
    photometricInterpretation: 'MONOCHROME2',
    data,
    meta: { description },
    warnings: [],
  };
}

export interface OrganPairFiles {
  readonly ref: string;
  readonly test: string;
}

/**
 * ref.nii.gz and test.nii.gz under outDir/metrics-pair, written with core's NIfTI writer on first use
 * and reused while marker.json holds ORGAN_PAIR_VERSION (delete the folder to rebuild).
 */
export async function ensureOrganPair(outDir: string, log: (line: string) => void): Promise<OrganPairFiles> {
  const folder = join(outDir, 'metrics-pair');
  const files = { ref: join(folder, 'ref.nii.gz'), test: join(folder, 'test.nii.gz') };
  const marker = join(folder, 'marker.json');
  try {
    const held = JSON.parse(await readFile(marker, 'utf8')) as { version?: number };
    if (held.version === ORGAN_PAIR_VERSION) return files;
  } catch {}
  const started = performance.now();
  log(`generating the mask pair into ${folder} (once, a few seconds) …`);
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  const { ref, test } = organPair();
  await writeNiftiFile(files.ref, labelVolume(ref, 'voxelhub bench: reference organ mask'));
  await writeNiftiFile(files.test, labelVolume(test, 'voxelhub bench: test organ mask'));
  await writeFile(marker, `${JSON.stringify({ version: ORGAN_PAIR_VERSION })}\n`);
  log(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return files;
}
