import {
  type AnnotationPayload,
  type AnnotationPayloadOf,
  type ClassificationData,
  CURRENT_SCHEMA_VERSIONS,
  type ImageRef,
  parseAnnotationPayload,
} from '@voxelhub/core/annotation';
import type { ClassificationLevel } from './classification-level.js';
import type { ClassificationValue } from './classification-question.js';

export type ClassificationPayload = AnnotationPayloadOf<'classification'>;

export function isClassificationPayload(payload: AnnotationPayload): payload is ClassificationPayload {
  return payload.type === 'classification';
}

/**
 * An image-level answer is about the frame or slice shown, so it keeps the full reference; a series or
 * study answer names the image only to say which series and study (docs/annotations.md).
 */
export function answerImageRef(level: ClassificationLevel, shown: ImageRef): ImageRef {
  return level === 'image' ? shown : { imageId: shown.imageId };
}

export function classificationPayload(input: {
  readonly labelId: string;
  readonly level: ClassificationLevel;
  readonly value: ClassificationValue;
  readonly imageRef: ImageRef;
}): ClassificationPayload {
  const data: ClassificationData = { level: input.level, value: input.value };
  return parseAnnotationPayload({
    schemaVersion: CURRENT_SCHEMA_VERSIONS.classification,
    type: 'classification',
    labelId: input.labelId,
    imageRef: answerImageRef(input.level, input.imageRef),
    data,
  }) as ClassificationPayload;
}

/** The same answer (label, level, image) with another value. */
export function withValue(payload: ClassificationPayload, value: ClassificationValue): ClassificationPayload {
  return classificationPayload({
    labelId: payload.labelId,
    level: payload.data.level,
    value,
    imageRef: payload.imageRef,
  });
}
