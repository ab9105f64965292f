import { z } from 'zod';
import { isConsecutiveFromZero } from './consecutive-from-zero.js';

const digits = z.string().regex(/^\d+$/);
const relativeNifti = z
  .string()
  .regex(/^\.\/images(Tr|Ts)\/[^/]+\.nii\.gz$/, 'an image path is ./imagesTr/… or ./imagesTs/…');
const relativeLabel = z
  .string()
  .regex(/^\.\/labelsTr\/[^/]+\.nii\.gz$/, 'a label path is ./labelsTr/<case>.nii.gz');

/**
 * The Medical Segmentation Decathlon's dataset.json, as its ten tasks ship it (Simpson et al. 2019,
 * arXiv:1902.09063; e.g. Task02_Heart/dataset.json): name, description, tensorImageSize ("3D", or "4D"
 * for multi-channel images), modality "0" → name, labels "0" → "background", "1" → …, numTraining and
 * numTest with the training pairs and test images as "./imagesTr/<case>.nii.gz" paths. reference,
 * licence and release are optional here (Voxelhub has no value for them); other keys are let through.
 */
export const msdDatasetJsonSchema = z
  .looseObject({
    name: z.string().min(1),
    description: z.string(),
    reference: z.string().optional(),
    licence: z.string().optional(),
    release: z.string().optional(),
    tensorImageSize: z.enum(['3D', '4D']),
    modality: z
      .record(digits, z.string().min(1))
      .refine((m) => isConsecutiveFromZero(Object.keys(m).map(Number)), {
        message: 'modality keys must be "0", "1", … without gaps',
      }),
    labels: z
      .record(digits, z.string().min(1))
      .refine((labels) => labels['0'] === 'background', { message: 'labels must map "0" to "background"' })
      .refine((labels) => isConsecutiveFromZero(Object.keys(labels).map(Number)), {
        message: 'label keys must be consecutive integers "0", "1", …',
      }),
    numTraining: z.number().int().nonnegative(),
    numTest: z.number().int().nonnegative(),
    training: z.array(z.strictObject({ image: relativeNifti, label: relativeLabel })),
    test: z.array(relativeNifti),
  })
  .refine((json) => json.numTraining === json.training.length, {
    message: 'numTraining must equal the number of training entries',
  })
  .refine((json) => json.numTest === json.test.length, {
    message: 'numTest must equal the number of test entries',
  });

export type MsdDatasetJson = z.infer<typeof msdDatasetJsonSchema>;
