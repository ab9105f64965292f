import { z } from 'zod';
import { angleMeasurementRecord } from './angle-measurement.js';
import { box2dRecord } from './box2d.js';
import { box3dRecord } from './box3d.js';
import { circleRoiRecord } from './circle-roi.js';
import { classificationRecord } from './classification.js';
import { ellipseRoiRecord } from './ellipse-roi.js';
import { frameRangeLabelRecord } from './frame-range-label.js';
import { freehandContourRecord } from './freehand-contour.js';
import { landmarkRecord } from './landmark.js';
import { lengthMeasurementRecord } from './length-measurement.js';
import { polygonRecord } from './polygon.js';
import { polylineRecord } from './polyline.js';
import { rectangleRoiRecord } from './rectangle-roi.js';
import { segmentationRecord } from './segmentation.js';

/** Every persisted annotation type, each with its current schema and migrations. */
export const ANNOTATION_RECORDS = [
  classificationRecord,
  box2dRecord,
  box3dRecord,
  polygonRecord,
  freehandContourRecord,
  polylineRecord,
  landmarkRecord,
  lengthMeasurementRecord,
  angleMeasurementRecord,
  ellipseRoiRecord,
  circleRoiRecord,
  rectangleRoiRecord,
  segmentationRecord,
  frameRangeLabelRecord,
] as const;

export type AnnotationType = (typeof ANNOTATION_RECORDS)[number]['type'];

/** The schema of a payload at its type's current version (what the API accepts and returns). */
export const annotationPayloadSchema = z.discriminatedUnion('type', [
  classificationRecord.payload,
  box2dRecord.payload,
  box3dRecord.payload,
  polygonRecord.payload,
  freehandContourRecord.payload,
  polylineRecord.payload,
  landmarkRecord.payload,
  lengthMeasurementRecord.payload,
  angleMeasurementRecord.payload,
  ellipseRoiRecord.payload,
  circleRoiRecord.payload,
  rectangleRoiRecord.payload,
  segmentationRecord.payload,
  frameRangeLabelRecord.payload,
]);

/** `{ schemaVersion, type, imageRef, labelId, data }` at the current version of its type. */
export type AnnotationPayload = z.infer<typeof annotationPayloadSchema>;

export type AnnotationPayloadOf<T extends AnnotationType> = Extract<AnnotationPayload, { type: T }>;

/** The current schemaVersion of each type. */
export const CURRENT_SCHEMA_VERSIONS = Object.freeze(
  Object.fromEntries(ANNOTATION_RECORDS.map((r) => [r.type, r.version])) as Record<AnnotationType, number>,
);

export function isAnnotationType(value: unknown): value is AnnotationType {
  return typeof value === 'string' && Object.hasOwn(CURRENT_SCHEMA_VERSIONS, value);
}

export function annotationRecordOf(type: AnnotationType): (typeof ANNOTATION_RECORDS)[number] {
  return ANNOTATION_RECORDS.find((r) => r.type === type)!;
}
