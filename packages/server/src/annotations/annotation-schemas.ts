import { z } from 'zod';

/** The request and response shapes of the annotation routes; they also make the OpenAPI document. */

export const projectParams = z.object({ projectId: z.uuid() });
export const annotationParams = z.object({ projectId: z.uuid(), annotationId: z.uuid() });

const revisionNumber = z.number().int().min(1);

/**
 * A payload as core defines it (docs/annotations.md): `{schemaVersion, type, imageRef, labelId, data}`.
 * Checked by core's own versioned schemas in the handler, not here, so that older versions are migrated
 * and each failing path is reported.
 */
const payloadInput = z
  .record(z.string(), z.unknown())
  .meta({ description: 'An annotation payload of any type and schema version (docs/annotations.md)' });

const payloadOutput = z
  .record(z.string(), z.unknown())
  .meta({ description: "An annotation payload at its type's current schema version" });

/** Exactly one of imageId and seriesId, as the tables require. */
const oneTarget = <T extends { imageId?: string | undefined; seriesId?: string | undefined }>(value: T) =>
  (value.imageId === undefined) !== (value.seriesId === undefined);

export const createAnnotationBody = z
  .strictObject({
    id: z.uuid().optional().meta({
      description:
        'An id chosen by the client (a random UUID) makes the create idempotent: sent again after a lost answer, it answers with the annotation made the first time',
    }),
    labelId: z.uuid(),
    imageId: z.uuid().optional(),
    seriesId: z.uuid().optional(),
    taskId: z.uuid().optional(),
    payload: payloadInput,
  })
  .refine(oneTarget, { message: 'give imageId or seriesId, not both', path: ['imageId'] });

export const updateAnnotationBody = z.strictObject({
  baseRevision: revisionNumber.meta({
    description: 'The revision this edit was made on (the head you read)',
  }),
  payload: payloadInput,
  labelId: z.uuid().optional(),
});

export const restoreAnnotationBody = z.strictObject({
  revision: revisionNumber.meta({ description: 'The revision whose payload becomes the new head' }),
  baseRevision: revisionNumber.meta({ description: 'The head you read' }),
});

export const deleteAnnotationQuery = z.object({ baseRevision: z.coerce.number().int().min(1) });

export const listAnnotationsQuery = z.object({
  imageId: z.uuid().optional(),
  seriesId: z.uuid().optional(),
  labelId: z.uuid().optional(),
  taskId: z.uuid().optional(),
  authorId: z.uuid().optional().meta({ description: 'Who created the annotation' }),
  includeDeleted: z.enum(['true', 'false']).default('false'),
});

/** An annotation at one revision (its head, unless it comes from the history). */
export const annotationOutput = z.object({
  id: z.string(),
  projectId: z.string(),
  labelId: z.string(),
  imageId: z.string().nullable(),
  seriesId: z.string().nullable(),
  taskId: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  revision: z.number().int(),
  baseRevision: z.number().int().nullable(),
  /** Who wrote this revision (the creator, or a later editor). */
  authorId: z.string(),
  deleted: z.boolean(),
  schemaVersion: z.number().int(),
  payload: payloadOutput,
});

export type AnnotationOutput = z.infer<typeof annotationOutput>;

export const annotationResponse = z.object({ annotation: annotationOutput });

export const revisionOutput = z.object({
  revision: z.number().int(),
  baseRevision: z.number().int().nullable(),
  authorId: z.string(),
  createdAt: z.string(),
  deleted: z.boolean(),
  schemaVersion: z.number().int(),
  payload: payloadOutput,
});

export type RevisionOutput = z.infer<typeof revisionOutput>;
