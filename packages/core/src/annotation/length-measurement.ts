import { z } from 'zod';
import { distance, type Vec3 } from '../geometry/vector.js';
import { annotatedPointSchema } from './annotated-point.js';
import { defineAnnotationRecord } from './annotation-record.js';
import { codedConceptSchema, fixedUnitSchema, UCUM } from './coded-concept.js';

/** Stored values may differ from the recomputed one by this much (float round trips, not display rounding). */
export const LENGTH_TOLERANCE_MM = 0.01;

/** Length in mm between two patient-space points. */
export function lengthMm(a: Vec3, b: Vec3): number {
  return distance(a, b);
}

/**
 * A length between two points, in mm of patient space. `concept` is what was measured (SCT.length unless the
 * tool says otherwise, e.g. a diameter); the unit is always UCUM mm, as in dcmjs's TID300 Length.
 * `value` must agree with the patient-space points: it is stored for SR export, not trusted on its own.
 */
export const lengthMeasurementDataSchema = z
  .strictObject({
    points: z.tuple([annotatedPointSchema, annotatedPointSchema]),
    concept: codedConceptSchema,
    value: z.number().min(0),
    unit: fixedUnitSchema(UCUM.millimetre),
  })
  .superRefine(({ points, value }, ctx) => {
    const expected = lengthMm(points[0].patient, points[1].patient);
    if (Math.abs(expected - value) > LENGTH_TOLERANCE_MM) {
      ctx.addIssue({
        code: 'custom',
        message: `value must be the points' distance (${expected} mm)`,
        path: ['value'],
      });
    }
  });

export type LengthMeasurementData = z.infer<typeof lengthMeasurementDataSchema>;

export const lengthMeasurementRecord = defineAnnotationRecord({
  type: 'length',
  version: 1,
  imageRef: 'planar',
  data: lengthMeasurementDataSchema,
});
