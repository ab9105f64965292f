import { fromColumns, type Mat3 } from '../../geometry/matrix3.js';
import { cross, dot, norm, normalize, scale, subtract, type Vec3 } from '../../geometry/vector.js';
import type { ImageGeometry } from '../../volume/image-volume.js';
import type { FrameRef } from './series-plan.js';

/** Positions closer than this along the normal (mm) are the same slice position. */
const SAME_POSITION_MM = 1e-3;
/** Spacing may vary this much (relative) before it is reported as non-uniform. */
const SPACING_TOLERANCE = 0.01;
/** Below this angle between the slice step and the plane normal there is no tilt worth reporting. */
const TILT_TOLERANCE_DEGREES = 0.01;

export interface SortedStack {
  readonly geometry: ImageGeometry;
  /** Frames in voxel order (k + t·nz). */
  readonly frames: FrameRef[];
  readonly timepoints: number;
  readonly warnings: string[];
}

function normalOf(ref: FrameRef): Vec3 {
  const [r, c] = ref.plane.orientation!;
  return normalize(cross(r, c));
}

/** Temporal order of frames at one position: temporal index, then trigger, echo, b-value, time, numbers. */
export function compareTemporal(a: FrameRef, b: FrameRef): number {
  const ka = a.plane.temporal;
  const kb = b.plane.temporal;
  const keys = [
    'temporalPosition',
    'triggerTime',
    'echoTime',
    'bValue',
    'acquisitionNumber',
    'instanceNumber',
  ] as const;
  for (const key of keys) {
    const va = ka[key];
    const vb = kb[key];
    if (va !== undefined && vb !== undefined && va !== vb) return va - vb;
  }
  const ta = ka.acquisitionTime ?? '';
  const tb = kb.acquisitionTime ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.header.file < b.header.file ? -1 : a.header.file > b.header.file ? 1 : a.frameIndex - b.frameIndex;
}

/** Groups frames by position along the normal, positions ascending. */
export function groupByPosition(
  frames: readonly FrameRef[],
  normal: Vec3,
): { distance: number; frames: FrameRef[] }[] {
  const withDistance = frames
    .map((f) => ({ f, d: dot(f.plane.position!, normal) }))
    .sort((a, b) => a.d - b.d);
  const groups: { distance: number; frames: FrameRef[] }[] = [];
  for (const { f, d } of withDistance) {
    const last = groups[groups.length - 1];
    if (last && Math.abs(d - last.distance) < SAME_POSITION_MM) last.frames.push(f);
    else groups.push({ distance: d, frames: [f] });
  }
  return groups;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function spacingWarnings(distances: number[], nominal: number): string[] {
  const warnings: string[] = [];
  let missing = 0;
  let irregular = false;
  for (let i = 1; i < distances.length; i++) {
    const gap = distances[i]! - distances[i - 1]!;
    const ratio = gap / nominal;
    const steps = Math.round(ratio);
    if (Math.abs(ratio - 1) <= SPACING_TOLERANCE) continue;
    if (steps >= 2 && Math.abs(ratio - steps) <= SPACING_TOLERANCE * steps) missing += steps - 1;
    else irregular = true;
  }
  if (missing > 0) {
    warnings.push(`missing slices: ${missing} slice position(s) absent from a ${nominal.toFixed(4)} mm grid`);
  }
  if (irregular) {
    const gaps = distances.slice(1).map((d, i) => d - distances[i]!);
    warnings.push(
      `non-uniform slice spacing: gaps from ${Math.min(...gaps).toFixed(4)} to ${Math.max(...gaps).toFixed(4)} mm (using ${nominal.toFixed(4)} mm)`,
    );
  }
  return warnings;
}

/**
 * Sorts the frames of one stack (same orientation and size) along the slice normal and derives the
 * geometry from their positions — never from Slice Thickness. Positions with several frames become
 * timepoints when every position has the same number of them.
 */
export function sortStack(frames: readonly FrameRef[], fallbackSliceSpacing: number): SortedStack {
  const first = frames[0]!;
  const [rowDir, colDir] = first.plane.orientation!;
  const normal = normalOf(first);
  const [rowSpacing, colSpacing] = first.plane.pixelSpacing ?? [1, 1];
  const groups = groupByPosition(frames, normal);
  const warnings: string[] = [];
  if (!first.plane.pixelSpacing) warnings.push('no pixel spacing in the header: 1 mm assumed');
  const counts = new Set(groups.map((g) => g.frames.length));
  let timepoints = groups[0]!.frames.length;
  if (counts.size > 1) {
    timepoints = 1;
    const extra = groups.reduce((n, g) => n + g.frames.length - 1, 0);
    warnings.push(`duplicate positions: ${extra} frame(s) share a position with another and were left out`);
  }
  for (const g of groups) g.frames.sort(compareTemporal);
  const distances = groups.map((g) => g.distance);
  let sliceSpacing = fallbackSliceSpacing;
  let sliceDirection = normal;
  if (groups.length > 1) {
    sliceSpacing = median(distances.slice(1).map((d, i) => d - distances[i]!));
    warnings.push(...spacingWarnings(distances, sliceSpacing));
    const p0 = groups[0]!.frames[0]!.plane.position!;
    const pn = groups[groups.length - 1]!.frames[0]!.plane.position!;
    const step = scale(subtract(pn, p0), 1 / (groups.length - 1));
    sliceDirection = normalize(step);
    // Gantry tilt shears the stack: slices step off the normal. Keep the shear in the direction matrix.
    const angle = (Math.acos(Math.min(1, Math.abs(dot(sliceDirection, normal)))) * 180) / Math.PI;
    if (angle > TILT_TOLERANCE_DEGREES) {
      sliceSpacing = norm(step) * (sliceSpacing / dot(step, normal));
      warnings.push(
        `gantry tilt: slices are sheared by ${angle.toFixed(2)}° (the direction matrix keeps the shear)`,
      );
    }
  }
  const ordered: FrameRef[] = [];
  for (let t = 0; t < timepoints; t++) for (const g of groups) ordered.push(g.frames[t]!);
  const direction: Mat3 = fromColumns(rowDir, colDir, sliceDirection);
  return {
    geometry: {
      dims: [first.header.columns, first.header.rows, groups.length],
      spacing: [colSpacing, rowSpacing, sliceSpacing > 0 ? sliceSpacing : 1],
      origin: groups[0]!.frames[0]!.plane.position!,
      direction,
    },
    frames: ordered,
    timepoints,
    warnings,
  };
}
