import { ImageReadError } from '../errors/image-read-error.js';
import { fromColumns } from '../geometry/matrix3.js';
import { cross, dot, norm, scale, subtract, type Vec3 } from '../geometry/vector.js';
import type { ImageGeometry } from '../volume/image-volume.js';
import type { SegFrame, SegPixelMeasures } from './seg-frames.js';

/** Where the frames of a SEG go: one grid, and the slice of that grid each frame fills. */
export interface SliceLattice {
  readonly geometry: ImageGeometry;
  /** Slice index k of each frame, in frame order. */
  readonly sliceOfFrame: readonly number[];
  /** Slices of the grid that no frame fills (SEG writers leave out empty frames): background. */
  readonly emptySlices: number;
  readonly warnings: readonly string[];
}

export interface SliceLatticeInput {
  readonly rows: number;
  readonly columns: number;
  readonly frames: readonly SegFrame[];
  readonly measures: SegPixelMeasures;
  /** Refuse grids of more voxels than this (a hostile position or spacing would ask for billions). */
  readonly maxVoxels: number;
}

// Tolerances, chosen well above the rounding of DS strings written from float32 (about 1e-5 mm) and
// well below anything that would move a voxel: direction cosines may differ by 1e-4 between frames;
// a frame may sit 1% of a pixel off the line through the first frame along the normal, and 1% of the
// slice spacing off its slice; positions within 0.01 mm along the normal are the same slice.
const ORIENTATION_TOLERANCE = 1e-4;
const IN_PLANE_TOLERANCE = 0.01;
const SPACING_TOLERANCE = 0.01;
const SAME_SLICE_MM = 0.01;

function inconsistent(detail: string): ImageReadError {
  return new ImageReadError('INCONSISTENT_SERIES', detail);
}

function checkOrientations(frames: readonly SegFrame[]): void {
  const first = frames[0]!.orientation.flat();
  frames.forEach((frame, i) => {
    const cosines = frame.orientation.flat();
    if (cosines.some((v, axis) => !(Math.abs(v - first[axis]!) <= ORIENTATION_TOLERANCE))) {
      throw inconsistent(
        `frame ${i + 1} has Image Orientation (Patient) ${cosines.join('\\')}, frame 1 ` +
          `${first.join('\\')}: the frames of a SEG must share one orientation`,
      );
    }
  });
}

/** Every frame must lie on the line through frame 1 along the normal: the grid has no shear. */
function checkStacked(frames: readonly SegFrame[], normal: Vec3, pixelSpacing: readonly number[]): void {
  const first = frames[0]!.position;
  const tolerance = IN_PLANE_TOLERANCE * Math.min(pixelSpacing[0]!, pixelSpacing[1]!);
  frames.forEach((frame, i) => {
    const offset = subtract(frame.position, first);
    const inPlane = norm(subtract(offset, scale(normal, dot(offset, normal))));
    if (!(inPlane <= tolerance)) {
      throw inconsistent(
        `frame ${i + 1} lies ${inPlane.toPrecision(3)} mm beside the line of frame 1 along the normal: the frames do not stack into one grid`,
      );
    }
  });
}

/** Distinct positions along the normal, ascending; positions within SAME_SLICE_MM are one slice. */
function distinctPositions(along: readonly number[]): number[] {
  const sorted = [...along].sort((a, b) => a - b);
  const out: number[] = [];
  for (const d of sorted) if (out.length === 0 || !(d - out[out.length - 1]! <= SAME_SLICE_MM)) out.push(d);
  return out;
}

function fitsLattice(positions: readonly number[], spacing: number): boolean {
  const first = positions[0]!;
  return positions.every((d) => {
    const steps = (d - first) / spacing;
    return Math.abs(steps - Math.round(steps)) <= SPACING_TOLERANCE;
  });
}

/**
 * The slice spacing: Spacing Between Slices when every position lies on its lattice (gaps are slices
 * the writer left out as empty), else the smallest gap between positions when they lie on that one.
 */
function sliceSpacing(positions: readonly number[], measures: SegPixelMeasures, warnings: string[]): number {
  const declared = measures.spacingBetweenSlices;
  if (positions.length === 1) {
    const spacing = declared ?? measures.sliceThickness;
    if (spacing !== undefined) return spacing;
    warnings.push('one slice, and no Spacing Between Slices or Slice Thickness: slice spacing taken as 1 mm');
    return 1;
  }
  if (declared !== undefined && fitsLattice(positions, declared)) return declared;
  const gaps = positions.slice(1).map((d, i) => d - positions[i]!);
  const smallest = gaps.reduce((a, b) => Math.min(a, b));
  if (fitsLattice(positions, smallest)) {
    if (declared !== undefined) {
      warnings.push(
        `Spacing Between Slices ${declared} mm does not fit the frame positions; their spacing ${smallest} mm is used`,
      );
    }
    return smallest;
  }
  const shown = gaps.slice(0, 8).map((g) => g.toPrecision(4));
  throw inconsistent(
    `the slice positions along the normal are not evenly spaced (gaps ${shown.join(', ')}${gaps.length > 8 ? ', …' : ''} mm)`,
  );
}

/**
 * The grid of a SEG's frames in patient space (LPS): axes along a row, down a column, and along the
 * normal (row × column) with slices sorted by position on it, so that the grid is right-handed whatever
 * order the frames come in. Frames must share an orientation and stack along the normal; slice
 * positions must be evenly spaced up to left-out (empty) slices, which become background.
 */
export function sliceLattice(input: SliceLatticeInput): SliceLattice {
  const { rows, columns, frames, measures } = input;
  checkOrientations(frames);
  const [row, column] = frames[0]!.orientation;
  const normal = cross(row, column);
  checkStacked(frames, normal, measures.pixelSpacing);
  const along = frames.map((f) => dot(f.position, normal));
  const positions = distinctPositions(along);
  const warnings: string[] = [];
  const spacing = sliceSpacing(positions, measures, warnings);
  const first = positions[0]!;
  const slices = Math.round((positions[positions.length - 1]! - first) / spacing) + 1;
  if (!(slices * rows * columns <= input.maxVoxels)) {
    throw new ImageReadError(
      'LIMIT_EXCEEDED',
      `the frames span ${slices} slices of ${columns}x${rows} at ${spacing} mm, more than the ${input.maxVoxels} voxels allowed`,
    );
  }
  const lowest = frames[along.reduce((best, d, i) => (d < along[best]! ? i : best), 0)]!;
  const geometry: ImageGeometry = {
    dims: [columns, rows, slices],
    spacing: [measures.pixelSpacing[1], measures.pixelSpacing[0], spacing],
    origin: lowest.position,
    direction: fromColumns(row, column, normal),
  };
  const sliceOfFrame = along.map((d) => Math.round((d - first) / spacing));
  return { geometry, sliceOfFrame, emptySlices: slices - new Set(sliceOfFrame).size, warnings };
}
