import type { DataSet } from 'dicom-parser';
import { decimal, firstItem, items, uint16, vector } from '../dicom/attribute-values.js';
import { ImageReadError } from '../errors/image-read-error.js';
import type { Vec3 } from '../geometry/vector.js';

/** What places one frame of a SEG and says which segment it holds (its functional groups). */
export interface SegFrame {
  /** Image Position (Patient) of the frame's first pixel, LPS mm (Plane Position Sequence). */
  readonly position: Vec3;
  /** Image Orientation (Patient): row direction then column direction, unit vectors. */
  readonly orientation: readonly [Vec3, Vec3];
  /** Referenced Segment Number (Segment Identification Sequence). */
  readonly segment: number;
}

/** The Pixel Measures macro: in-plane spacing and what it says about the spacing of slices. */
export interface SegPixelMeasures {
  /** Pixel Spacing: [between rows, between columns] in mm. */
  readonly pixelSpacing: readonly [number, number];
  readonly spacingBetweenSlices?: number;
  readonly sliceThickness?: number;
}

const SHARED_GROUPS = 'x52009229';
const PER_FRAME_GROUPS = 'x52009230';
const PLANE_POSITION = 'x00209113';
const PLANE_ORIENTATION = 'x00209116';
const PIXEL_MEASURES = 'x00289110';
const SEGMENT_IDENTIFICATION = 'x0062000a';

function missing(what: string, frame: number): ImageReadError {
  return new ImageReadError(
    'MISSING_ATTRIBUTE',
    `frame ${frame + 1} has no ${what} in its per-frame or shared functional groups`,
  );
}

/** A functional group macro of one frame: its own item wins over the shared one (PS3.3 C.7.6.16). */
function group(frame: DataSet, shared: DataSet | undefined, tag: string): DataSet | undefined {
  return firstItem(frame, tag) ?? firstItem(shared, tag);
}

function unit(values: readonly number[], frame: number): Vec3 {
  const [x, y, z] = values as [number, number, number];
  const n = Math.hypot(x, y, z);
  if (!(n > 0.5 && n < 1.5)) {
    throw new ImageReadError(
      'INVALID_ATTRIBUTE',
      `frame ${frame + 1}: Image Orientation (Patient) has a direction of length ${n}, not 1`,
    );
  }
  return [x / n, y / n, z / n];
}

function orientationOf(ds: DataSet | undefined, frame: number): readonly [Vec3, Vec3] {
  const v = ds ? vector(ds, 'x00200037', 6) : undefined;
  if (!v) throw missing('Plane Orientation Sequence (0020,9116) with Image Orientation (Patient)', frame);
  const row = unit(v.slice(0, 3), frame);
  const column = unit(v.slice(3, 6), frame);
  const cosine = row[0] * column[0] + row[1] * column[1] + row[2] * column[2];
  if (Math.abs(cosine) > 1e-3) {
    throw new ImageReadError(
      'INVALID_ATTRIBUTE',
      `frame ${frame + 1}: the row and column directions of Image Orientation (Patient) are not perpendicular`,
    );
  }
  return [row, column];
}

function segmentOf(ds: DataSet | undefined, frame: number): number {
  const number = ds ? uint16(ds, 'x0062000b') : undefined;
  if (number === undefined)
    throw missing('Segment Identification Sequence (0062,000A) with a Referenced Segment Number', frame);
  return number;
}

/**
 * The frames' planes and segments from the Shared and Per-Frame Functional Groups (PS3.3 C.8.20.3).
 * More per-frame items than frames (files cut down from larger ones) are ignored; fewer are an error.
 */
export function readSegFrames(ds: DataSet, frames: number): SegFrame[] {
  const shared = firstItem(ds, SHARED_GROUPS);
  const perFrame = items(ds, PER_FRAME_GROUPS);
  if (perFrame.length === 0) {
    throw new ImageReadError(
      'MISSING_ATTRIBUTE',
      'the Per-Frame Functional Groups Sequence (5200,9230) is missing: a SEG places each frame there',
    );
  }
  if (perFrame.length < frames) {
    throw new ImageReadError(
      'INVALID_ATTRIBUTE',
      `the Per-Frame Functional Groups Sequence has ${perFrame.length} items for ${frames} frames`,
    );
  }
  return perFrame.slice(0, frames).map((item, i) => {
    const plane = group(item, shared, PLANE_POSITION);
    const position = plane ? vector(plane, 'x00200032', 3) : undefined;
    if (!position) throw missing('Plane Position Sequence (0020,9113) with Image Position (Patient)', i);
    return {
      position: [position[0]!, position[1]!, position[2]!],
      orientation: orientationOf(group(item, shared, PLANE_ORIENTATION), i),
      segment: segmentOf(group(item, shared, SEGMENT_IDENTIFICATION), i),
    };
  });
}

function measuresOf(ds: DataSet | undefined, frame: number): SegPixelMeasures {
  const spacing = ds ? vector(ds, 'x00280030', 2) : undefined;
  if (!ds || !spacing) throw missing('Pixel Measures Sequence (0028,9110) with Pixel Spacing', frame);
  if (!spacing.every((s) => Number.isFinite(s) && s > 0)) {
    throw new ImageReadError('INVALID_ATTRIBUTE', `Pixel Spacing must be positive mm: ${spacing.join('\\')}`);
  }
  const between = decimal(ds, 'x00180088');
  const thickness = decimal(ds, 'x00180050');
  return {
    pixelSpacing: [spacing[0]!, spacing[1]!],
    ...(between !== undefined && between > 0 ? { spacingBetweenSlices: between } : {}),
    ...(thickness !== undefined && thickness > 0 ? { sliceThickness: thickness } : {}),
  };
}

/** The Pixel Measures of the frames, which must agree: one grid holds them all. */
export function readSegPixelMeasures(ds: DataSet, frames: number): SegPixelMeasures {
  const shared = firstItem(ds, SHARED_GROUPS);
  const perFrame = items(ds, PER_FRAME_GROUPS).slice(0, frames);
  const first = measuresOf(group(perFrame[0] ?? ds, shared, PIXEL_MEASURES), 0);
  perFrame.forEach((item, i) => {
    if (!firstItem(item, PIXEL_MEASURES)) return;
    const m = measuresOf(group(item, shared, PIXEL_MEASURES), i);
    const differs = m.pixelSpacing.some((s, axis) => Math.abs(s - first.pixelSpacing[axis]!) > 1e-4 * s);
    if (differs) {
      throw new ImageReadError(
        'UNSUPPORTED_IMAGE',
        `frame ${i + 1} has Pixel Spacing ${m.pixelSpacing.join('\\')}, frame 1 ${first.pixelSpacing.join('\\')}: frames of one grid must agree`,
      );
    }
  });
  return first;
}
