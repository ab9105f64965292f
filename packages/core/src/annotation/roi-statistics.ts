import { z } from 'zod';
import { type CodedConcept, codedConceptSchema, SCT, UCUM } from './coded-concept.js';

/**
 * Statistics of the pixels inside a region: area in mm² (UCUM mm2) and the intensity statistics in `unit`
 * (e.g. UCUM `[hnsf'U]` for CT). Each figure has a fixed SNOMED CT concept (ROI_STATISTIC_CONCEPTS) so it can
 * be written as a TID 300 measurement. stdDev is the population standard deviation.
 */
export const roiStatisticsSchema = z
  .strictObject({
    area: z.number().min(0),
    mean: z.number(),
    stdDev: z.number().min(0),
    min: z.number(),
    max: z.number(),
    unit: codedConceptSchema,
  })
  .superRefine((s, ctx) => {
    if (s.min > s.max) ctx.addIssue({ code: 'custom', message: 'min must not exceed max', path: ['min'] });
    else if (s.mean < s.min || s.mean > s.max) {
      ctx.addIssue({ code: 'custom', message: 'mean must lie between min and max', path: ['mean'] });
    }
  });

export type RoiStatistics = z.infer<typeof roiStatisticsSchema>;

/** The concept and unit of each statistic, for SR export; intensity units come from the statistics. */
export const ROI_STATISTIC_CONCEPTS: Readonly<
  Record<'area' | 'mean' | 'stdDev' | 'min' | 'max', CodedConcept>
> = Object.freeze({
  area: SCT.area,
  mean: SCT.mean,
  stdDev: SCT.standardDeviation,
  min: SCT.minimum,
  max: SCT.maximum,
});

export const ROI_AREA_UNIT = UCUM.squareMillimetre;
