import { z } from 'zod';
import { ANNOTATION_LIMITS } from './annotation-limits.js';
import { labelIdSchema } from './annotation-record.js';
import { hexColourSchema } from './hex-colour.js';

/**
 * One segment of a segmentation (Cornerstone3D's segment, DICOM SEG's segment): the voxel value that marks it
 * (1–65535; 0 is background), the label-schema label it stands for, a display name and colour, and whether
 * editing tools must leave it alone.
 */
export const segmentSchema = z.strictObject({
  index: z.number().int().min(1).max(ANNOTATION_LIMITS.maxSegments),
  labelId: labelIdSchema,
  name: z.string().min(1).max(ANNOTATION_LIMITS.maxNameLength),
  colour: hexColourSchema,
  locked: z.boolean(),
});

export type Segment = z.infer<typeof segmentSchema>;

/** A list of segments whose indexes are distinct. */
export const segmentListSchema = z
  .array(segmentSchema)
  .min(1)
  .max(ANNOTATION_LIMITS.maxSegments)
  .superRefine((segments, ctx) => {
    const seen = new Set<number>();
    segments.forEach((s, i) => {
      if (seen.has(s.index))
        ctx.addIssue({ code: 'custom', message: 'segment index repeated', path: [i, 'index'] });
      seen.add(s.index);
    });
  });
