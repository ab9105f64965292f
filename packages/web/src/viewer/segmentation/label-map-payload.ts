import type { AnnotationPayload, AnnotationPayloadOf, Segment } from '@voxelhub/core/annotation';
import type { AnnotationEntry } from '../../annotations/annotation-entry.js';

type SegmentationPayload = AnnotationPayloadOf<'segmentation'>;

/** What a label-map segmentation payload says: its blob and its segments. */
export interface LabelMapReference {
  readonly blobKey: string;
  readonly segments: readonly Segment[];
}

/** A segmentation payload for a label map blob on the whole image (a NIfTI on the series' grid). */
export function labelMapPayload(input: {
  readonly imageId: string;
  readonly labelId: string;
  readonly blobKey: string;
  readonly segments: readonly Segment[];
}): SegmentationPayload {
  return {
    schemaVersion: 1,
    type: 'segmentation',
    imageRef: { imageId: input.imageId },
    labelId: input.labelId,
    data: {
      representation: 'labelMap',
      blobKey: input.blobKey,
      format: 'nifti',
      segments: input.segments.map((s) => ({ ...s })),
    },
  };
}

/** The blob and segments of a label-map segmentation; undefined for any other payload. */
export function labelMapReferenceOf(payload: AnnotationPayload): LabelMapReference | undefined {
  if (payload.type !== 'segmentation' || payload.data.representation !== 'labelMap') return undefined;
  return { blobKey: payload.data.blobKey, segments: payload.data.segments };
}

/** The live label-map segmentation drawn on `imageId`, if the store holds one: the mask to open for editing. */
export function findLabelMapEntry(
  entries: readonly AnnotationEntry[],
  imageId: string,
): AnnotationEntry | undefined {
  return entries.find(
    (e) =>
      !e.content.deleted &&
      e.content.payload.imageRef.imageId === imageId &&
      labelMapReferenceOf(e.content.payload) !== undefined,
  );
}
