import { z } from 'zod';
import { LABEL_TYPES, MEMBER_ROLES } from '../storage/schema.js';
import { projectSettingsSchema } from './project-settings.js';

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
  })
  .strict();

export const labelOutput = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(LABEL_TYPES),
  colour: z.string(),
  code: z.object({ system: z.string(), value: z.string(), meaning: z.string() }).nullable(),
  guideline: z.string(),
  sortOrder: z.number(),
});

export const projectInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    description: z.string().max(20_000).optional(),
    settings: projectSettingsSchema.partial().optional(),
    /** Refuse identifiable uploads (on by default; see docs/server.md). */
    requireDeidentification: z.boolean().optional(),
    labels: z.array(labelInput).max(1000).optional(),
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
