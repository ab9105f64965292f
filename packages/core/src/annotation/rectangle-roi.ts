import { z } from 'zod';
import { defineAnnotationRecord } from './annotation-record.js';
import { box2dDataSchema } from './box2d.js';
import { codedConceptSchema } from './coded-concept.js';
import { roiStatisticsSchema } from './roi-statistics.js';

/** A rectangular region on one slice (corners as in box2d), with the statistics of the pixels inside. */
export const rectangleRoiDataSchema = z.strictObject({
  box: box2dDataSchema,
  concept: codedConceptSchema,
  statistics: roiStatisticsSchema,
});

export type RectangleRoiData = z.infer<typeof rectangleRoiDataSchema>;

export const rectangleRoiRecord = defineAnnotationRecord({
  type: 'rectangleRoi',
  version: 1,
  imageRef: 'planar',
  data: rectangleRoiDataSchema,
});
