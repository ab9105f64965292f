import { IndexStack } from './index-stack.js';
import type { LabelMap } from './label-map.js';

/** A block of whole k-slices: one slice (4-connected, edges are its border) or the volume (6-connected, faces too). */
interface Block {
  readonly nx: number;
  readonly ny: number;
  readonly slices: number;
  readonly acrossSlices: boolean;
}

/** Offers every border voxel of the block to `offer`. */
function seedBorder({ nx, ny, slices, acrossSlices }: Block, offer: (p: number) => void): void {
  for (let k = 0; k < slices; k++) {
    const face = acrossSlices && (k === 0 || k === slices - 1);
    for (let j = 0; j < ny; j++) {
      const row = (k * ny + j) * nx;
      if (face || j === 0 || j === ny - 1) {
        for (let i = 0; i < nx; i++) offer(row + i);
      } else {
        offer(row);
        offer(row + nx - 1);
      }
    }
  }
}

/**
 * Scanline flood fill: each voxel taken from the stack is widened to the whole open run of its row,
 * which is marked at once; the rows beside the run (j ± 1, and k ± 1 across slices) get one seed per
 * open run. Far fewer stack operations and index divisions than voxel by voxel, which matters for a
 * 3D fill of a whole CT in a browser.
 */
class RunFlood {
  private readonly stack = new IndexStack();
  readonly reached: Uint8Array;

  constructor(
    private readonly block: Block,
    private readonly isWall: (p: number) => boolean,
  ) {
    this.reached = new Uint8Array(block.nx * block.ny * block.slices);
  }

  private open(p: number): boolean {
    return this.reached[p] === 0 && !this.isWall(p);
  }

  offer = (p: number): void => {
    if (this.open(p)) this.stack.push(p);
  };

  /** Pushes the first voxel of each open run in [from, to]. */
  private seedRuns(from: number, to: number): void {
    let inRun = false;
    for (let p = from; p <= to; p++) {
      const open = this.open(p);
      if (open && !inRun) this.stack.push(p);
      inRun = open;
    }
  }

  run(): void {
    const { nx, ny, slices, acrossSlices } = this.block;
    const plane = nx * ny;
    while (!this.stack.isEmpty) {
      const p = this.stack.pop();
      if (!this.open(p)) continue; // reached through another run since it was pushed
      const rowIndex = Math.floor(p / nx); // k·ny + j
      const rowStart = rowIndex * nx;
      let left = p;
      while (left > rowStart && this.open(left - 1)) left--;
      let right = p;
      while (right < rowStart + nx - 1 && this.open(right + 1)) right++;
      this.reached.fill(1, left, right + 1);
      const j = rowIndex % ny;
      if (j > 0) this.seedRuns(left - nx, right - nx);
      if (j < ny - 1) this.seedRuns(left + nx, right + nx);
      if (acrossSlices) {
        const k = (rowIndex - j) / ny;
        if (k > 0) this.seedRuns(left - plane, right - plane);
        if (k < slices - 1) this.seedRuns(left + plane, right + plane);
      }
    }
  }
}

/**
 * Which voxels of the block starting at slice `firstSlice` can be reached from its border without
 * stepping on `segment` (other segments are passable: they enclose nothing for this segment).
 * One mark per voxel of the block, 1 = reached.
 */
function flood(map: LabelMap, segment: number, firstSlice: number, block: Block): Uint8Array {
  const base = firstSlice * block.nx * block.ny;
  const voxels = map.voxels;
  const fill = new RunFlood(block, (p) => voxels[base + p] === segment);
  seedBorder(block, fill.offer);
  fill.run();
  return fill.reached;
}

/** Slice k's voxels reachable from the slice's edges through non-`segment` voxels, 4-connected. */
export function reachableInSlice(map: LabelMap, segment: number, k: number): Uint8Array {
  const [nx, ny] = map.dims;
  return flood(map, segment, k, { nx, ny, slices: 1, acrossSlices: false });
}

/** The volume's voxels reachable from its six faces through non-`segment` voxels, 6-connected. */
export function reachableInVolume(map: LabelMap, segment: number): Uint8Array {
  const [nx, ny, nz] = map.dims;
  return flood(map, segment, 0, { nx, ny, slices: nz, acrossSlices: true });
}
