import { z } from 'zod';

const fileReason = z.object({ file: z.string(), reason: z.string() });

/**
 * What a dataset import did: the layout it recognised, the labels it made, each image file's outcome and
 * the annotations its labels became, with everything passed over named by file and reason.
 */
export const datasetImportReport = z.object({
  layout: z.object({ kind: z.string(), summary: z.string() }),
  labels: z.object({
    created: z.array(z.object({ name: z.string(), type: z.string() })),
    /** Labels the project had already (matched by name, case-insensitively). */
    existing: z.array(z.string()),
  }),
  images: z.object({
    imported: z.number().int(),
    duplicates: z.number().int().describe('already in the project (same content or SOP Instance UID)'),
    failed: z.array(fileReason),
    /** Held for review of burned-in text: their labels wait with them. */
    held: z.array(z.string()),
  }),
  annotations: z.object({
    created: z.array(z.object({ label: z.string(), type: z.string(), count: z.number().int() })),
    total: z.number().int(),
    skipped: z.array(fileReason),
  }),
  /** Files that are neither images nor labels of the layout (at most 200 named; `ignoredCount` counts all). */
  ignored: z.array(z.string()),
  ignoredCount: z.number().int(),
});

export type DatasetImportReport = z.infer<typeof datasetImportReport>;
