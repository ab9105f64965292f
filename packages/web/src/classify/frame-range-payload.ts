import {
  type AnnotationPayloadOf,
  CURRENT_SCHEMA_VERSIONS,
  parseAnnotationPayload,
} from '@voxelhub/core/annotation';
import type { FrameRange } from './frame-range.js';

export type FrameRangePayload = AnnotationPayloadOf<'frameRange'>;

/** A label on frames of one cine image; the range spans the whole image, so no frame index is given. */
export function frameRangePayload(input: {
  readonly labelId: string;
  readonly imageId: string;
  readonly range: FrameRange;
}): FrameRangePayload {
  return parseAnnotationPayload({
    schemaVersion: CURRENT_SCHEMA_VERSIONS.frameRange,
    type: 'frameRange',
    labelId: input.labelId,
    imageRef: { imageId: input.imageId },
    data: { start: input.range.start, end: input.range.end },
  }) as FrameRangePayload;
}

/** The same label on the same image over other frames. */
export function withRange(payload: FrameRangePayload, range: FrameRange): FrameRangePayload {
  return frameRangePayload({ labelId: payload.labelId, imageId: payload.imageRef.imageId, range });
}
