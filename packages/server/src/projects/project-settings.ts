import { z } from 'zod';

/**
 * A project's workflow settings, stored as JSON in projects.settings. Every field has a default, so
 * settings written by an older version parse, and `{}` is a valid project.
 */
export const projectSettingsSchema = z.object({
  /**
   * blind: annotators see only their own annotations, through every route (DICOMweb included);
   * open: they see everyone's. Blind is the default: a reader who has seen another's answer is no
   * longer an independent reader, and agreement measured afterwards means little.
   */
  reading: z.enum(['blind', 'open']).default('blind'),
  /** How many readers annotate each item (issue 6 assigns and compares them). */
  readersPerItem: z.number().int().min(1).max(20).default(1),
  assignment: z.enum(['round-robin', 'least-loaded']).default('round-robin'),
});

export type ProjectSettings = z.infer<typeof projectSettingsSchema>;

/** The stored settings text, read leniently: unknown keys are dropped and missing ones defaulted. */
export function parseProjectSettings(text: string): ProjectSettings {
  return projectSettingsSchema.parse(JSON.parse(text));
}
