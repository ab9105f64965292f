import { z } from 'zod';
import { indexToPatient } from '../volume/patient-coordinates.js';
import { annotatedPointSchema, vec3Schema } from './annotated-point.js';
import { ANNOTATION_LIMITS } from './annotation-limits.js';
import { issuesFromZod } from './annotation-payload-error.js';
import { type AnnotationMigration, defineAnnotationRecord } from './annotation-record.js';

/** A named point (e.g. "carina", "left femoral head centre"). */
export const landmarkDataSchema = z.strictObject({
  name: z.string().min(1).max(ANNOTATION_LIMITS.maxNameLength),
  point: annotatedPointSchema,
});

export type LandmarkData = z.infer<typeof landmarkDataSchema>;

/** Version 1 (frozen): the point was stored in index space only. */
export const landmarkDataV1Schema = z.strictObject({
  name: z.string().min(1).max(ANNOTATION_LIMITS.maxNameLength),
  point: vec3Schema,
});

/**
 * v1 → v2: add patient space. Version 1 kept only the voxel index, which is lost meaning once the image is
 * resampled or reoriented; the patient position is derived from the referenced image's geometry, so this
 * step needs `geometryOf` and reports (rather than guesses) when the image is unknown.
 */
const addPatientSpace: AnnotationMigration = {
  fromVersion: 1,
  description: 'point: index-space triple → { index, patient } (patient from the image geometry)',
  up(payload, context) {
    const old = landmarkDataV1Schema.safeParse(payload.data);
    if (!old.success) return { issues: issuesFromZod(old.error, ['data']) };
    const imageRef = payload.imageRef as { imageId?: unknown } | undefined;
    const imageId = typeof imageRef?.imageId === 'string' ? imageRef.imageId : undefined;
    const geometry = imageId === undefined ? undefined : context.geometryOf?.(imageId);
    if (!geometry) {
      const message = `version 1 stored index coordinates only; upgrading needs the geometry of image "${imageId ?? '?'}"`;
      return { issues: [{ path: 'data.point', message }] };
    }
    const index = old.data.point;
    const data = { name: old.data.name, point: { index, patient: [...indexToPatient(geometry, index)] } };
    return { payload: { ...payload, schemaVersion: 2, data } };
  },
};

export const landmarkRecord = defineAnnotationRecord({
  type: 'landmark',
  version: 2,
  imageRef: 'any',
  data: landmarkDataSchema,
  migrations: [addPatientSpace],
});
