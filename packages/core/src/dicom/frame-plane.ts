import type { DataSet } from 'dicom-parser';
import { ImageReadError } from '../errors/image-read-error.js';
import type { Vec3 } from '../geometry/vector.js';
import { decimal, decimals, firstItem, float64, items, text, uint32, vector } from './attribute-values.js';

/**
 * Where one frame lies and how to turn its stored values into real ones. Classic single-frame
 * files have one; enhanced multi-frame files one per frame, from their functional groups.
 */
export interface FramePlane {
  /** Image Position (Patient): centre of the first transmitted pixel, LPS mm. */
  readonly position?: Vec3;
  /** Image Orientation (Patient): unit row direction (along a row, increasing column) and column direction. */
  readonly orientation?: readonly [Vec3, Vec3];
  /** Pixel Spacing: [between rows, between columns] in mm. */
  readonly pixelSpacing?: readonly [number, number];
  readonly sliceThickness?: number;
  readonly rescaleSlope: number;
  readonly rescaleIntercept: number;
  /** Keys that tell volumes at the same positions apart (4D): compared in this order. */
  readonly temporal: TemporalKey;
  /** Enhanced multi-frame: Stack ID, so that separate stacks become separate images. */
  readonly stackId?: string;
}

export interface TemporalKey {
  readonly temporalPosition?: number;
  readonly triggerTime?: number;
  readonly echoTime?: number;
  readonly bValue?: number;
  readonly acquisitionTime?: string;
  readonly acquisitionNumber?: number;
  readonly instanceNumber?: number;
}

function unitTriple(values: number[]): Vec3 {
  const n = Math.hypot(values[0]!, values[1]!, values[2]!);
  if (!(n > 0.5))
    throw new ImageReadError('INVALID_ATTRIBUTE', `Image Orientation has a zero-length direction`);
  return [values[0]! / n, values[1]! / n, values[2]! / n];
}

function orientation(ds: DataSet | undefined): readonly [Vec3, Vec3] | undefined {
  const v = ds ? vector(ds, 'x00200037', 6) : undefined;
  return v ? [unitTriple(v.slice(0, 3)), unitTriple(v.slice(3, 6))] : undefined;
}

function position(ds: DataSet | undefined): Vec3 | undefined {
  const v = ds ? vector(ds, 'x00200032', 3) : undefined;
  return v ? [v[0]!, v[1]!, v[2]!] : undefined;
}

function spacing(ds: DataSet | undefined): readonly [number, number] | undefined {
  const v = ds ? vector(ds, 'x00280030', 2) : undefined;
  if (!v) return undefined;
  if (!(v[0]! > 0 && v[1]! > 0)) {
    throw new ImageReadError(
      'INVALID_ATTRIBUTE',
      `Pixel Spacing (0028,0030) must be positive: ${v.join('\\')}`,
    );
  }
  return [v[0]!, v[1]!];
}

function classicPlane(ds: DataSet, fallbackSpacing: readonly [number, number] | undefined): FramePlane {
  const bValue = float64(ds, 'x00189087');
  return {
    position: position(ds),
    orientation: orientation(ds),
    pixelSpacing: spacing(ds) ?? fallbackSpacing,
    sliceThickness: decimal(ds, 'x00180050'),
    rescaleSlope: decimal(ds, 'x00281053') ?? 1,
    rescaleIntercept: decimal(ds, 'x00281052') ?? 0,
    temporal: {
      temporalPosition: decimal(ds, 'x00200100'),
      triggerTime: decimal(ds, 'x00181060'),
      echoTime: decimal(ds, 'x00180081'),
      ...(bValue !== undefined ? { bValue } : {}),
      acquisitionTime: text(ds, 'x00080032'),
      acquisitionNumber: decimal(ds, 'x00200012'),
      instanceNumber: decimal(ds, 'x00200013'),
    },
  };
}

/** One functional group macro: the per-frame item wins over the shared one. */
function group(perFrame: DataSet | undefined, shared: DataSet | undefined, tag: string): DataSet | undefined {
  return firstItem(perFrame, tag) ?? firstItem(shared, tag);
}

function enhancedPlane(
  frame: DataSet | undefined,
  shared: DataSet | undefined,
  base: FramePlane,
  index: number,
): FramePlane {
  const measures = group(frame, shared, 'x00289110');
  const transform = group(frame, shared, 'x00289145');
  const content = group(frame, shared, 'x00209111');
  const echo = group(frame, shared, 'x00189114');
  const diffusion = group(frame, shared, 'x00189117');
  const cardiac = group(frame, shared, 'x00189118');
  return {
    position: position(group(frame, shared, 'x00209113')) ?? base.position,
    orientation: orientation(group(frame, shared, 'x00209116')) ?? base.orientation,
    pixelSpacing: spacing(measures) ?? base.pixelSpacing,
    sliceThickness: (measures && decimal(measures, 'x00180050')) ?? base.sliceThickness,
    rescaleSlope: (transform && decimal(transform, 'x00281053')) ?? base.rescaleSlope,
    rescaleIntercept: (transform && decimal(transform, 'x00281052')) ?? base.rescaleIntercept,
    temporal: {
      temporalPosition: content ? uint32(content, 'x00209128') : undefined,
      triggerTime: cardiac ? float64(cardiac, 'x00209153') : undefined,
      echoTime: echo ? float64(echo, 'x00189082') : undefined,
      bValue: diffusion ? float64(diffusion, 'x00189087') : undefined,
      acquisitionTime: content ? text(content, 'x00189074') : undefined,
      instanceNumber: index,
    },
    stackId: content ? text(content, 'x00209056') : undefined,
  };
}

/**
 * The planes of a file: one per frame for enhanced multi-frame images (Per-Frame and Shared
 * Functional Groups), else a single plane that all frames share.
 */
export function readFramePlanes(
  ds: DataSet,
  frames: number,
  fallbackSpacing: readonly [number, number] | undefined,
): FramePlane[] {
  const base = classicPlane(ds, fallbackSpacing);
  const perFrame = items(ds, 'x52009230');
  const shared = firstItem(ds, 'x52009229');
  if (perFrame.length === 0 && !shared) return gridFramePlanes(ds, base, frames) ?? [base];
  // More items than frames is seen in files cut down from larger ones; fewer cannot be read.
  if (perFrame.length !== 0 && perFrame.length < frames) {
    throw new ImageReadError(
      'INVALID_ATTRIBUTE',
      `Per-Frame Functional Groups has ${perFrame.length} items for ${frames} frames`,
    );
  }
  return Array.from({ length: frames }, (_, i) => enhancedPlane(perFrame[i], shared, base, i));
}

/** RT Dose: frames at Grid Frame Offset Vector (3004,000C) distances along the plane normal. */
function gridFramePlanes(ds: DataSet, base: FramePlane, frames: number): FramePlane[] | undefined {
  const offsets = decimals(ds, 'x3004000c');
  if (!offsets || offsets.length !== frames || frames < 2 || !base.position || !base.orientation)
    return undefined;
  const [r, c] = base.orientation;
  const n: Vec3 = [r[1] * c[2] - r[2] * c[1], r[2] * c[0] - r[0] * c[2], r[0] * c[1] - r[1] * c[0]];
  // PS3.3 C.8.8.3.2: offsets are relative to Image Position when the first is 0, else absolute
  // (the first equals the position along the normal); in both cases frame i lies (o_i - o_0) beyond it.
  const p = base.position;
  const o0 = offsets[0]!;
  return offsets.map((o, i) => ({
    ...base,
    position: [p[0] + (o - o0) * n[0], p[1] + (o - o0) * n[1], p[2] + (o - o0) * n[2]] as Vec3,
    temporal: { ...base.temporal, instanceNumber: i },
  }));
}
