import { z } from 'zod';
import { ANNOTATION_LIMITS } from './annotation-limits.js';

/** Three finite numbers (zod 4's `number()` already rejects NaN and ±Infinity). */
export const vec3Schema = z.tuple([z.number(), z.number(), z.number()]);

/**
 * A point stored in both spaces: `index` is the continuous voxel index (i, j, k) of the referenced image,
 * k being the slice (or frame) axis, and `patient` is the same point in patient space (LPS, mm).
 * Index space follows the pixels; patient space survives reorientation, resampling and display transforms.
 */
export const annotatedPointSchema = z.strictObject({
  index: vec3Schema,
  patient: vec3Schema,
});

export type AnnotatedPoint = z.infer<typeof annotatedPointSchema>;

/** Bad points reported per list: enough to fix a tool, not a megabyte of issues for a hostile payload. */
const MAX_REPORTED_POINTS = 10;

function isFiniteTriple(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.length === 3 &&
    Number.isFinite(value[0]) &&
    Number.isFinite(value[1]) &&
    Number.isFinite(value[2])
  );
}

/** The same test as annotatedPointSchema, written out: it runs per point of 100k-point contours. */
function isAnnotatedPoint(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { index, patient } = value as { index?: unknown; patient?: unknown };
  return Object.keys(value).length === 2 && isFiniteTriple(index) && isFiniteTriple(patient);
}

/**
 * A list of between `min` and ANNOTATION_LIMITS.maxPoints points. The length is checked before any point,
 * and points are checked by a plain loop (zod's per-element parse took about 5 µs a point, seconds for a
 * large contour); a failing point is re-parsed by annotatedPointSchema so its issues and paths are zod's.
 * Valid input is returned as it came in.
 */
export function pointListSchema(min: number): z.ZodType<AnnotatedPoint[]> {
  return z
    .array(z.unknown())
    .min(min)
    .max(ANNOTATION_LIMITS.maxPoints)
    .superRefine((points, ctx) => {
      if (points.length > ANNOTATION_LIMITS.maxPoints) return;
      let reported = 0;
      for (let i = 0; i < points.length && reported < MAX_REPORTED_POINTS; i++) {
        if (isAnnotatedPoint(points[i])) continue;
        reported++;
        for (const issue of annotatedPointSchema.safeParse(points[i]).error?.issues ?? []) {
          ctx.addIssue({ code: 'custom', message: issue.message, path: [i, ...issue.path] });
        }
      }
    }) as z.ZodType<AnnotatedPoint[]>;
}
