import { z } from 'zod';
import { isConsecutiveFromZero } from './consecutive-from-zero.js';

/**
 * nnU-Net v2's dataset.json (documentation/dataset_format.md, "dataset.json"): channel_names maps
 * "0", "1", … to a name per input channel; labels maps each class name to its integer value, background
 * 0 and the values consecutive; numTraining counts the training cases; file_ending is every image's and
 * label's extension. Other keys (name, description, overwrite_image_reader_writer …) are let through.
 * Region-based labels (a list of values per name) are not accepted: Voxelhub writes and reads classes.
 */
export const nnunetDatasetJsonSchema = z.looseObject({
  channel_names: z
    .record(z.string().regex(/^\d+$/), z.string().min(1))
    .refine((names) => isConsecutiveFromZero(Object.keys(names).map(Number)), {
      message: 'channel_names keys must be "0", "1", … without gaps',
    }),
  labels: z
    .record(z.string().min(1), z.number().int().nonnegative())
    .refine((labels) => labels.background === 0, { message: 'labels must map "background" to 0' })
    .refine((labels) => isConsecutiveFromZero(Object.values(labels)), {
      message: 'label values must be consecutive integers 0, 1, 2, … each used once',
    })
    .refine((labels) => labels.ignore === undefined || labels.ignore === Object.keys(labels).length - 1, {
      message: "an 'ignore' label must have the highest value",
    }),
  numTraining: z.number().int().nonnegative(),
  file_ending: z.string().regex(/^\.[A-Za-z0-9.]+$/, 'file_ending is an extension such as ".nii.gz"'),
  overwrite_image_reader_writer: z.string().optional(),
});

export type NnunetDatasetJson = z.infer<typeof nnunetDatasetJsonSchema>;
