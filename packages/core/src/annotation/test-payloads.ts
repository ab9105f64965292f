import type { AnnotatedPoint } from './annotated-point.js';
import { AnnotationPayloadError } from './annotation-payload-error.js';
import type { ImageRef } from './image-ref.js';
import { parseAnnotationPayload } from './parse-annotation-payload.js';

/**
 * Builders for the tiny hand-checkable payloads the annotation tests tabulate. The test image has spacing
 * 0.5 × 0.5 × 2 mm and origin 0, so index (6, 8, 0) is patient (3, 4, 0).
 */
export const TEST_SPACING = [0.5, 0.5, 2] as const;

export function point(i: number, j: number, k = 0): AnnotatedPoint {
  return { index: [i, j, k], patient: [i * TEST_SPACING[0], j * TEST_SPACING[1], k * TEST_SPACING[2]] };
}

export const ON_SLICE: ImageRef = { imageId: 'img-1', sliceIndex: 0 };
export const WHOLE_IMAGE: ImageRef = { imageId: 'img-1' };

export function payload(type: string, data: unknown, imageRef: ImageRef = ON_SLICE, schemaVersion = 1) {
  return { schemaVersion, type, imageRef, labelId: 'label-1', data };
}

/** The paths parseAnnotationPayload reports for `json`, or [] when it loads. */
export function failingPaths(json: unknown): string[] {
  try {
    parseAnnotationPayload(json);
    return [];
  } catch (error) {
    if (error instanceof AnnotationPayloadError) return error.issues.map((i) => i.path);
    throw error;
  }
}
