import { z } from 'zod';
import { LABEL_TYPES, MEMBER_ROLES } from '../storage/schema.js';
import { classificationMismatch, labelClassification } from './label-classification.js';
import { EXAMPLE_MEDIA_TYPES } from './label-example-limits.js';
import { projectSettingsInput, projectSettingsSchema } from './project-settings.js';

/** The request and response shapes of the project routes; they also make the OpenAPI document. */

export const projectParams = z.object({ projectId: z.uuid() });

export const labelInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    type: z.enum(LABEL_TYPES),
    colour: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, 'a colour is #rrggbb')
      .transform((c) => c.toLowerCase()),
    /** A coded concept, e.g. {system: 'SCT', value: '10200004', meaning: 'Liver'} (SNOMED CT) or RadLex. */
    code: z
      .object({
        system: z.string().trim().min(1).max(64),
        value: z.string().trim().min(1).max(64),
        meaning: z.string().trim().min(1).max(200),
      })
      .nullable()
      .optional(),
    guideline: z.string().max(20_000).optional(),
    sortOrder: z.number().int().min(0).max(1_000_000).optional(),
    /** Required for type 'classification' (its kind and options), null or absent for other types. */
    classification: labelClassification.nullable().optional(),
  })
  .strict();

/** A label to create: its type and classification must agree (a change is checked against the stored label). */
export const newLabelInput = labelInput.superRefine((label, ctx) => {
  const mismatch = classificationMismatch(label.type, label.classification);
  if (mismatch) ctx.addIssue({ code: 'custom', path: ['classification'], message: mismatch });
});

export const labelExampleOutput = z.object({
  id: z.string(),
  caption: z.string(),
  mediaType: z.enum(EXAMPLE_MEDIA_TYPES),
  width: z.number(),
  height: z.number(),
});

export const labelOutput = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(LABEL_TYPES),
  colour: z.string(),
  code: z.object({ system: z.string(), value: z.string(), meaning: z.string() }).nullable(),
  guideline: z.string(),
  sortOrder: z.number(),
  classification: labelClassification.nullable(),
  examples: z.array(labelExampleOutput),
});

export const projectInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    description: z.string().max(20_000).optional(),
    settings: projectSettingsInput.optional(),
    /**
     * De-identify every image on import (PS3.15 Basic Profile with settings.deidentification), so that no
     * identifying value reaches the database or the blob store. On by default for new projects.
     */
    requireDeidentification: z.boolean().optional(),
    labels: z.array(newLabelInput).max(1000).optional(),
  })
  .strict();

export const projectUpdate = projectInput.omit({ labels: true }).partial().strict();

export const projectSummary = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  role: z.enum(MEMBER_ROLES),
  createdAt: z.string(),
  imageCount: z.number(),
});

export const projectDetail = projectSummary.extend({
  settings: projectSettingsSchema,
  requireDeidentification: z.boolean(),
  labels: z.array(labelOutput),
  memberCount: z.number(),
});

export const memberOutput = z.object({
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(MEMBER_ROLES),
  since: z.string(),
});

export const memberInput = z
  .object({
    /** Who to add: by user id or by username. */
    userId: z.uuid().optional(),
    username: z.string().min(1).max(200).optional(),
    role: z.enum(MEMBER_ROLES),
  })
  .strict()
  .refine((m) => (m.userId === undefined) !== (m.username === undefined), {
    error: 'give exactly one of userId and username',
  });

export const memberParams = projectParams.extend({ userId: z.uuid() });
export const labelParams = projectParams.extend({ labelId: z.uuid() });
export const labelExampleParams = labelParams.extend({ exampleId: z.uuid() });
