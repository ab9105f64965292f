import {
  type AnnotatedPoint,
  type AnnotationPayload,
  type ClassificationData,
  type ImageRef,
  lengthMm,
  parseAnnotationPayload,
  SCT,
  UCUM,
} from '@voxelhub/core/annotation';

/**
 * Small valid payloads for the conflict dialog's tests, hand-checkable: the image has 0.5 mm pixels and
 * 2 mm slices from origin 0, so index (6, 8, 1) is patient (3, 4, 2). Each goes through core's parser.
 */
export function point(i: number, j: number, k = 0): AnnotatedPoint {
  return { index: [i, j, k], patient: [i * 0.5, j * 0.5, k * 2] };
}

const ON_SLICE: ImageRef = { imageId: 'img-1', sliceIndex: 0 };
const WHOLE_IMAGE: ImageRef = { imageId: 'img-1' };

export function samplePayload(type: string, data: unknown, imageRef: ImageRef = ON_SLICE): AnnotationPayload {
  const schemaVersion = type === 'landmark' ? 2 : 1;
  return parseAnnotationPayload({ schemaVersion, type, imageRef, labelId: 'label-1', data });
}

export function classification(
  value: ClassificationData['value'],
  level: ClassificationData['level'] = 'image',
): AnnotationPayload {
  return samplePayload('classification', { level, value });
}

export function frameRange(start: number, end: number): AnnotationPayload {
  return samplePayload('frameRange', { start, end }, WHOLE_IMAGE);
}

export function length(a: AnnotatedPoint, b: AnnotatedPoint): AnnotationPayload {
  const value = lengthMm(a.patient, b.patient);
  return samplePayload('length', { points: [a, b], concept: SCT.length, value, unit: UCUM.millimetre });
}

/** A 10 × 8 mm rectangle (20 × 16 pixels) at pixel (0, 0) with CT statistics. */
export function rectangleRoi(): AnnotationPayload {
  const statistics = { area: 80, mean: 40.25, stdDev: 3.5, min: -10, max: 90, unit: UCUM.hounsfieldUnit };
  const box = { min: point(0, 0), max: point(20, 16) };
  return samplePayload('rectangleRoi', { box, concept: SCT.area, statistics });
}
