import { type AnnotatedPoint, type CodedConcept, type RoiStatistics, UCUM } from '@voxelhub/core/annotation';
import { cross, norm, subtract, type Vec3 } from './core-geometry.js';
import type { CornerstoneCachedStats } from './cornerstone-annotation.js';

/**
 * Areas in mm² from patient-space handles, exact on oblique and anisotropic grids: a shape drawn in index
 * space is an affine image of the shape in mm, so a rectangle is the parallelogram of its two sides and
 * an ellipse has area π·|u × v| for any two conjugate semi-axes u, v.
 */
export function parallelogramAreaMm2(
  corner: AnnotatedPoint,
  sideEndA: AnnotatedPoint,
  sideEndB: AnnotatedPoint,
): number {
  return norm(cross(subtract(sideEndA.patient, corner.patient), subtract(sideEndB.patient, corner.patient)));
}

export function ellipseAreaMm2(
  center: AnnotatedPoint,
  axisEndA: AnnotatedPoint,
  axisEndB: AnnotatedPoint,
): number {
  return Math.PI * parallelogramAreaMm2(center, axisEndA, axisEndB);
}

export function circleAreaMm2(center: AnnotatedPoint, edge: AnnotatedPoint): number {
  const r = norm(subtract(edge.patient as Vec3, center.patient as Vec3));
  return Math.PI * r * r;
}

/** Cornerstone's `modalityUnit` as a UCUM concept. */
export function intensityUnit(modalityUnit: string | undefined): CodedConcept {
  return modalityUnit === 'HU' ? UCUM.hounsfieldUnit : UCUM.noUnit;
}

function first(value: number | number[] | undefined): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/**
 * The intensity statistics Cornerstone computed for the first target that has them, with our own area;
 * undefined when the tool has not computed them yet (no pixel data, or before the first render).
 */
export function statisticsFromCachedStats(
  cachedStats: Record<string, CornerstoneCachedStats> | undefined,
  areaMm2: number,
): RoiStatistics | undefined {
  for (const stats of Object.values(cachedStats ?? {})) {
    const [mean, stdDev, min, max] = [
      first(stats.mean),
      first(stats.stdDev),
      first(stats.min),
      first(stats.max),
    ];
    if (mean === undefined || stdDev === undefined || min === undefined || max === undefined) continue;
    return { area: areaMm2, mean, stdDev, min, max, unit: intensityUnit(stats.modalityUnit) };
  }
  return undefined;
}
