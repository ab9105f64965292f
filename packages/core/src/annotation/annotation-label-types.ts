import type { AnnotationType } from './annotation-payload.js';
import type { LabelType } from './label-types.js';

/**
 * Which label type each of core's annotation types may be drawn with: the one place that pairs them.
 * A label says what a reader is asked for (a mask, a box, a measurement …); a payload is one way of
 * answering it, so several payload types serve one label type (a length and an angle are both
 * measurements; a 2D and a 3D box are both boxes).
 */
export const LABEL_TYPE_OF_ANNOTATION = {
  classification: 'classification',
  box2d: 'box',
  box3d: 'box',
  polygon: 'polygon',
  freehandContour: 'polygon',
  polyline: 'polyline',
  landmark: 'point',
  length: 'measurement',
  angle: 'measurement',
  ellipseRoi: 'measurement',
  circleRoi: 'measurement',
  rectangleRoi: 'measurement',
  segmentation: 'mask',
  frameRange: 'frame-label',
} as const satisfies Record<AnnotationType, LabelType>;

/** Whether a payload of `annotationType` may carry a label of `labelType`. */
export function fitsLabelType(annotationType: AnnotationType, labelType: LabelType): boolean {
  return LABEL_TYPE_OF_ANNOTATION[annotationType] === labelType;
}

/** The annotation types a label of `labelType` accepts, for error messages. */
export function annotationTypesFor(labelType: LabelType): AnnotationType[] {
  return (Object.keys(LABEL_TYPE_OF_ANNOTATION) as AnnotationType[]).filter(
    (type) => LABEL_TYPE_OF_ANNOTATION[type] === labelType,
  );
}
