import { z } from 'zod';
import { ANNOTATION_LIMITS } from './annotation-limits.js';

const frameOrSlice = z
  .number()
  .int()
  .min(0)
  .max(2 ** 31 - 1);

/**
 * The image an annotation belongs to: its id, plus the frame (multi-frame / cine) or slice (volume) it was
 * drawn on when the annotation is planar. At most one of the two.
 */
export const imageRefSchema = z
  .strictObject({
    imageId: z.string().min(1).max(ANNOTATION_LIMITS.maxIdLength),
    frameIndex: frameOrSlice.optional(),
    sliceIndex: frameOrSlice.optional(),
  })
  .refine((r) => r.frameIndex === undefined || r.sliceIndex === undefined, {
    message: 'give frameIndex or sliceIndex, not both',
    path: ['sliceIndex'],
  });

export type ImageRef = z.infer<typeof imageRefSchema>;

/**
 * What an annotation type needs from its image reference: `planar` types (drawn on one slice or frame)
 * need one of frameIndex/sliceIndex; `whole-image` types (box3d, label maps, frame ranges) must have neither;
 * `any` types accept both forms.
 */
export type ImageRefRule = 'planar' | 'whole-image' | 'any';

export function imageRefProblem(ref: ImageRef, rule: ImageRefRule): string | undefined {
  const located = ref.frameIndex !== undefined || ref.sliceIndex !== undefined;
  if (rule === 'planar' && !located)
    return 'this annotation type is drawn on one slice or frame: give frameIndex or sliceIndex';
  if (rule === 'whole-image' && located)
    return 'this annotation type spans the whole image: give neither frameIndex nor sliceIndex';
  return undefined;
}
