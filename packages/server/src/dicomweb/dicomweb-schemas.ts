import { z } from 'zod';
import { projectParams } from '../projects/project-schemas.js';

/** Request shapes of the DICOMweb routes (PS3.18), for validation and the OpenAPI document. */

const uid = z
  .string()
  .max(64)
  .regex(/^[0-9]+(\.[0-9]+)*$/, 'a DICOM UID is digits and dots');

export const studyParams = projectParams.extend({ study: uid });
export const seriesParams = studyParams.extend({ series: uid });
export const instanceParams = seriesParams.extend({ instance: uid });
export const framesParams = instanceParams.extend({
  frames: z.string().regex(/^[1-9][0-9]{0,8}(,[1-9][0-9]{0,8})*$/, 'frame numbers: 1-based, comma separated'),
});
export const frameParams = instanceParams.extend({
  frame: z.coerce.number().int().min(1),
});
export const bulkDataParams = instanceParams.extend({
  tag: z.string().regex(/^[0-9A-Fa-f]{8}$/, 'a tag is 8 hex digits'),
});

const queryValue = z.union([z.string(), z.array(z.string())]);

/** QIDO-RS: the named parameters, plus any matching key by keyword or tag (checked by parseQidoQuery). */
export const searchQuery = z
  .object({
    limit: z.string().optional(),
    offset: z.string().optional(),
    fuzzymatching: z.string().optional(),
    includefield: queryValue.optional(),
  })
  .catchall(queryValue);

export const renderedQuery = z
  .object({
    window: z.string().optional().describe('center,width[,linear|linear_exact|sigmoid]'),
    quality: z.string().optional().describe('JPEG quality, 1 to 100 (default 90)'),
  })
  .catchall(queryValue);
