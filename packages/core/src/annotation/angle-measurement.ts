import { z } from 'zod';
import { dot, norm, subtract, type Vec3 } from '../geometry/vector.js';
import { annotatedPointSchema } from './annotated-point.js';
import { defineAnnotationRecord } from './annotation-record.js';
import { codedConceptSchema, fixedUnitSchema, UCUM } from './coded-concept.js';

export const ANGLE_TOLERANCE_DEGREES = 0.01;

/**
 * The angle at `vertex` between the rays to `a` and `b`, in degrees (0–180), measured in patient space so
 * that anisotropic voxels do not distort it. Undefined when a ray has zero length.
 */
export function angleDegrees(a: Vec3, vertex: Vec3, b: Vec3): number | undefined {
  const u = subtract(a, vertex);
  const v = subtract(b, vertex);
  const lengths = norm(u) * norm(v);
  if (lengths === 0) return undefined;
  const cosine = Math.min(1, Math.max(-1, dot(u, v) / lengths));
  return (Math.acos(cosine) * 180) / Math.PI;
}

/** An angle from three points (end, vertex, end), in degrees; unit always UCUM deg. */
export const angleMeasurementDataSchema = z
  .strictObject({
    points: z.tuple([annotatedPointSchema, annotatedPointSchema, annotatedPointSchema]),
    concept: codedConceptSchema,
    value: z.number().min(0).max(180),
    unit: fixedUnitSchema(UCUM.degree),
  })
  .superRefine(({ points, value }, ctx) => {
    const expected = angleDegrees(points[0].patient, points[1].patient, points[2].patient);
    if (expected === undefined) {
      ctx.addIssue({ code: 'custom', message: 'an end point coincides with the vertex', path: ['points'] });
    } else if (Math.abs(expected - value) > ANGLE_TOLERANCE_DEGREES) {
      ctx.addIssue({
        code: 'custom',
        message: `value must be the points' angle (${expected}°)`,
        path: ['value'],
      });
    }
  });

export type AngleMeasurementData = z.infer<typeof angleMeasurementDataSchema>;

export const angleMeasurementRecord = defineAnnotationRecord({
  type: 'angle',
  version: 1,
  imageRef: 'planar',
  data: angleMeasurementDataSchema,
});
