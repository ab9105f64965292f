import { z } from 'zod';
import { ANNOTATION_LIMITS } from './annotation-limits.js';
import { defineAnnotationRecord } from './annotation-record.js';
import { binaryRleSchema } from './binary-rle.js';
import { segmentListSchema, segmentSchema } from './segment.js';

/**
 * A label map stored as a blob (a NIfTI volume on the referenced image's voxel grid, each voxel holding a
 * segment index or 0): the blob key and the segments it contains. Its patient geometry is the NIfTI affine.
 */
export const labelMapSegmentationSchema = z.strictObject({
  representation: z.literal('labelMap'),
  blobKey: z.string().min(1).max(ANNOTATION_LIMITS.maxIdLength),
  format: z.literal('nifti'),
  segments: segmentListSchema,
});

/**
 * A small binary mask inline, on the referenced slice or frame's pixel grid (so its patient geometry is that
 * of the slice), marking one segment. See binary-rle.ts for the encoding.
 */
export const rleSegmentationSchema = z.strictObject({
  representation: z.literal('rle'),
  mask: binaryRleSchema,
  segment: segmentSchema,
});

export const segmentationDataSchema = z.discriminatedUnion('representation', [
  labelMapSegmentationSchema,
  rleSegmentationSchema,
]);

export type SegmentationData = z.infer<typeof segmentationDataSchema>;

export const segmentationRecord = defineAnnotationRecord({
  type: 'segmentation',
  version: 1,
  imageRef: (data) => (data.representation === 'rle' ? 'planar' : 'whole-image'),
  data: segmentationDataSchema,
});
