import { z } from 'zod';
import { JOB_STATES } from '../storage/schema.js';

export const projectJobParams = z.object({ projectId: z.string().min(1) });
export const jobParams = z.object({ projectId: z.string().min(1), jobId: z.string().min(1) });

export const jobListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const jobListEntrySchema = z.object({
  id: z.string(),
  kind: z.string().describe("'import.upload' (API uploads), 'import' (CLI), 'import.dicomweb' (CLI)"),
  state: z.enum(JOB_STATES),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable().describe('Why the job as a whole failed; failed items are listed in failures'),
  progress: z.object({ done: z.number().int(), total: z.number().int().nullable() }),
});

export const jobViewSchema = jobListEntrySchema.extend({
  counts: z.object({
    imported: z.number().int(),
    duplicates: z.number().int().describe('already in the project (same SOP Instance UID or content)'),
    failed: z.number().int(),
    skipped: z.number().int().describe('not images inside an archive, folders, __MACOSX, hidden files'),
    pending: z.number().int(),
  }),
  failures: z
    .array(z.object({ name: z.string(), code: z.string(), reason: z.string() }))
    .describe('Each failed item (at most 1000): the file name as uploaded and why'),
  skippedItems: z.array(z.object({ name: z.string(), reason: z.string() })),
});
