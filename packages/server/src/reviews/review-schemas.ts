import { z } from 'zod';
import { REVIEW_DECISIONS } from '../storage/schema.js';

/** The request and response shapes of the review routes; they also make the OpenAPI document. */

export const projectParams = z.object({ projectId: z.uuid() });

export const createReviewBody = z
  .strictObject({
    annotationId: z.uuid().optional(),
    annotationRevision: z
      .number()
      .int()
      .min(1)
      .optional()
      .meta({ description: 'The revision reviewed, so a later edit does not inherit the decision' }),
    taskId: z.uuid().optional(),
    decision: z.enum(REVIEW_DECISIONS),
    comment: z.string().max(10_000).default(''),
  })
  .refine((body) => (body.annotationId === undefined) !== (body.taskId === undefined), {
    message: 'review an annotation (annotationId and annotationRevision) or a task (taskId)',
    path: ['annotationId'],
  })
  .refine((body) => (body.annotationId === undefined) === (body.annotationRevision === undefined), {
    message: 'annotationId and annotationRevision go together',
    path: ['annotationRevision'],
  });

export const listReviewsQuery = z.object({
  annotationId: z.uuid().optional(),
  taskId: z.uuid().optional(),
});

export const reviewOutput = z.object({
  id: z.string(),
  projectId: z.string(),
  annotationId: z.string().nullable(),
  annotationRevision: z.number().int().nullable(),
  taskId: z.string().nullable(),
  reviewerId: z.string(),
  decision: z.enum(REVIEW_DECISIONS),
  comment: z.string(),
  createdAt: z.string(),
});

export type ReviewOutput = z.infer<typeof reviewOutput>;
