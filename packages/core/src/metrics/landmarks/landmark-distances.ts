import type { Vec3 } from '../../geometry/vector.js';
import { percentile } from '../percentile.js';

/** A named point in patient space (LPS, millimetres), e.g. an anatomical landmark. */
export interface Landmark {
  readonly name: string;
  readonly point: Vec3;
}

/** A named point as a (possibly fractional) voxel index [i, j, k] of one image. */
export interface IndexLandmark {
  readonly name: string;
  readonly index: Vec3;
}

/** The distance in mm between the reference and test positions of one landmark. */
export interface LandmarkDistance {
  readonly name: string;
  readonly distance: number;
}

/**
 * Per-landmark distances and their summary. The statistics are over the landmarks present in both
 * sets and are null when there is none.
 */
export interface LandmarkDistances {
  /** In reference order. */
  readonly perLandmark: readonly LandmarkDistance[];
  readonly n: number;
  readonly mean: number | null;
  /** numpy's median: the mean of the two middle values for an even count. */
  readonly median: number | null;
  readonly max: number | null;
  /** Root mean square distance, √(Σd²/n). */
  readonly rmse: number | null;
  /** Reference names the test set lacks (not counted), in reference order. */
  readonly missingInTest: readonly string[];
  /** Test names the reference set lacks (not counted), in test order. */
  readonly missingInReference: readonly string[];
}

/**
 * Euclidean distance in mm between landmarks of the same name in a reference and a test set of
 * patient-space (LPS, mm) points. A name in one set only is listed as missing and not counted.
 */
export function landmarkDistances(
  reference: readonly Landmark[],
  test: readonly Landmark[],
): LandmarkDistances {
  const refPoints = pointsByName(reference, 'point', 'landmarkDistances: reference');
  const testPoints = pointsByName(test, 'point', 'landmarkDistances: test');
  return summarise(refPoints, testPoints, [1, 1, 1]);
}

/**
 * As landmarkDistances for voxel indices of one image with the given voxel spacing (mm): the index
 * difference is scaled per axis before its length is taken. Direction cosines are not needed — they
 * are orthonormal, so they rotate the difference without changing its length.
 */
export function landmarkDistancesFromIndices(
  reference: readonly IndexLandmark[],
  test: readonly IndexLandmark[],
  spacing: Vec3,
): LandmarkDistances {
  if (!isFiniteVec3(spacing) || !spacing.every((s) => s > 0)) {
    throw new RangeError(
      `landmarkDistancesFromIndices: spacing must be three positive finite numbers (mm), got ${JSON.stringify(spacing)}`,
    );
  }
  const refPoints = pointsByName(reference, 'index', 'landmarkDistancesFromIndices: reference');
  const testPoints = pointsByName(test, 'index', 'landmarkDistancesFromIndices: test');
  return summarise(refPoints, testPoints, spacing);
}

function summarise(
  reference: ReadonlyMap<string, Vec3>,
  test: ReadonlyMap<string, Vec3>,
  spacing: Vec3,
): LandmarkDistances {
  const perLandmark: LandmarkDistance[] = [];
  for (const [name, a] of reference) {
    const b = test.get(name);
    if (b === undefined) continue;
    const d = Math.hypot((b[0] - a[0]) * spacing[0], (b[1] - a[1]) * spacing[1], (b[2] - a[2]) * spacing[2]);
    perLandmark.push({ name, distance: d });
  }
  const missingInTest = [...reference.keys()].filter((name) => !test.has(name));
  const missingInReference = [...test.keys()].filter((name) => !reference.has(name));
  const distances = perLandmark.map((p) => p.distance);
  const n = distances.length;
  const sum = distances.reduce((s, d) => s + d, 0);
  const sumOfSquares = distances.reduce((s, d) => s + d * d, 0);
  return {
    perLandmark,
    n,
    mean: n > 0 ? sum / n : null,
    median: n > 0 ? percentile(distances, 50) : null,
    max: n > 0 ? Math.max(...distances) : null,
    rmse: n > 0 ? Math.sqrt(sumOfSquares / n) : null,
    missingInTest,
    missingInReference,
  };
}

/** The points of a landmark list by name, in list order; throws on a bad entry or a repeated name. */
function pointsByName<K extends 'point' | 'index'>(
  landmarks: ReadonlyArray<{ readonly name: string } & Readonly<Record<K, Vec3>>>,
  key: K,
  label: string,
): Map<string, Vec3> {
  if (!Array.isArray(landmarks)) throw new TypeError(`${label} must be an array of landmarks`);
  const byName = new Map<string, Vec3>();
  for (const [i, landmark] of landmarks.entries()) {
    const name = landmark?.name;
    if (typeof name !== 'string' || name === '') {
      throw new TypeError(`${label}[${i}] needs a non-empty string name, got ${JSON.stringify(name)}`);
    }
    const p = landmark[key];
    if (!isFiniteVec3(p)) {
      throw new RangeError(
        `${label}[${i}] ('${name}') needs ${key} [x, y, z] of finite numbers, got ${JSON.stringify(p)}`,
      );
    }
    if (byName.has(name)) throw new RangeError(`${label} has landmark '${name}' twice`);
    byName.set(name, p);
  }
  return byName;
}

function isFiniteVec3(p: unknown): p is Vec3 {
  return Array.isArray(p) && p.length === 3 && p.every((v) => typeof v === 'number' && Number.isFinite(v));
}
