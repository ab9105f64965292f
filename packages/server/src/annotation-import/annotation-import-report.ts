import { z } from 'zod';
import { IMPORT_FORMATS } from './import-format.js';

/** What an import answers: what it created (or would, on a dry run) and every item it passed over. */
export const annotationImportReport = z.object({
  format: z.enum(IMPORT_FORMATS),
  dryRun: z.boolean(),
  created: z
    .array(z.object({ label: z.string(), labelId: z.string(), type: z.string(), count: z.number().int() }))
    .describe('annotations created per label and annotation type'),
  createdTotal: z.number().int(),
  newLabels: z.array(z.object({ id: z.string(), name: z.string(), type: z.string() })),
  skipped: z
    .array(z.object({ file: z.string(), reason: z.string() }))
    .describe('items not imported: the file (and row or annotation) and why'),
});

export type AnnotationImportReport = z.infer<typeof annotationImportReport>;
