import { burnedInRulesSchema, CONFIDENTIALITY_OPTIONS, DEFAULT_BURNED_IN_RULES } from '@voxelhub/core';
import { z } from 'zod';

/**
 * The PS3.15 options a project de-identifies with on import by default (when
 * projects.require_deidentification is set). They keep what a dataset needs and identify nobody:
 * descriptions stay, with any identifying value found in the file taken out of them (Clean
 * Descriptors), and dates move by one offset per subject, so that intervals survive (Retain
 * Longitudinal Temporal Information with Modified Dates).
 */
export const DEFAULT_IMPORT_DEID_OPTIONS = ['cleanDescriptors', 'retainLongitudinalModifiedDates'] as const;

// Each field once, without its default: the stored settings add defaults, an update leaves absent fields
// alone (a default there would silently reset a setting the request did not mention).
const reading = z.enum(['blind', 'open']);
const readersPerItem = z.number().int().min(1).max(20);
const assignment = z.enum(['round-robin', 'least-loaded']);
const deidOptions = z
  .array(z.enum(CONFIDENTIALITY_OPTIONS))
  .max(CONFIDENTIALITY_OPTIONS.length)
  .refine((options) => new Set(options).size === options.length, { error: 'name each option once' });

export const deidentificationSettingsSchema = z.object({
  options: deidOptions.default([...DEFAULT_IMPORT_DEID_OPTIONS]),
  /** Images these rules match, or marked BurnedInAnnotation YES, are held for a person's review. */
  burnedInRules: burnedInRulesSchema.default(() => DEFAULT_BURNED_IN_RULES.map((rule) => ({ ...rule }))),
});

export type DeidentificationSettings = z.infer<typeof deidentificationSettingsSchema>;

const agreementThreshold = z.number().finite().min(0).max(1000);

/**
 * When an item's readers agree well enough (issue 6). Each label is measured by its type's metric: Dice for
 * masks, F1 of boxes matched at IoU 0.5, the distance in mm between landmarks (lower is better), and the
 * share of readers giving the majority answer for classifications. An item with any label past its
 * threshold goes to the review queue. `thresholds` overrides the default for one label, by label id.
 */
export const qualitySettingsSchema = z.object({
  defaults: z
    .object({
      dice: agreementThreshold.max(1).default(0.8),
      f1: agreementThreshold.max(1).default(0.8),
      distanceMm: agreementThreshold.default(5),
      labelAgreement: agreementThreshold.max(1).default(0.6),
    })
    .prefault({}),
  thresholds: z.record(z.string().max(64), agreementThreshold).default({}),
  /** The mask consensus method: STAPLE (Warfield 2004) or per-voxel majority vote. */
  maskConsensus: z.enum(['staple', 'majority-vote']).default('staple'),
});

export type QualitySettings = z.infer<typeof qualitySettingsSchema>;

const datasetLicense = z.object({
  /** As the data's owner states it, e.g. 'CC BY 4.0'. */
  name: z.string().trim().min(1).max(200),
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
});
const datasetCitation = z.string().trim().min(1).max(4000);

/**
 * How the project's data may be used and how to cite it (issue 7): every export's dataset card carries
 * them. Absent, the card says the project states no license and cites the version by its content hash.
 */
export const datasetSettingsSchema = z.object({
  license: datasetLicense.optional(),
  citation: datasetCitation.optional(),
});

export type DatasetSettings = z.infer<typeof datasetSettingsSchema>;

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
  reading: reading.default('blind'),
  /** How many readers annotate each item (issue 6 assigns and compares them). */
  readersPerItem: readersPerItem.default(1),
  assignment: assignment.default('round-robin'),
  /** How images are de-identified on import; whether they are is projects.require_deidentification. */
  deidentification: deidentificationSettingsSchema.prefault({}),
  /** Agreement thresholds and the consensus method of multi-reader work. */
  quality: qualitySettingsSchema.prefault({}),
  /** The license and citation exports name. */
  dataset: datasetSettingsSchema.prefault({}),
});

export type ProjectSettings = z.infer<typeof projectSettingsSchema>;

/** Settings as a request sends them: any subset; what is absent keeps its current value. */
export const projectSettingsInput = z
  .object({
    reading: reading.optional(),
    readersPerItem: readersPerItem.optional(),
    assignment: assignment.optional(),
    deidentification: z
      .object({ options: deidOptions.optional(), burnedInRules: burnedInRulesSchema.optional() })
      .strict()
      .optional(),
    quality: z
      .object({
        defaults: z
          .object({
            dice: agreementThreshold.max(1).optional(),
            f1: agreementThreshold.max(1).optional(),
            distanceMm: agreementThreshold.optional(),
            labelAgreement: agreementThreshold.max(1).optional(),
          })
          .strict()
          .optional(),
        thresholds: z.record(z.string().max(64), agreementThreshold).optional(),
        maskConsensus: z.enum(['staple', 'majority-vote']).optional(),
      })
      .strict()
      .optional(),
    /** null removes a license or citation. */
    dataset: z
      .object({
        license: datasetLicense.nullable().optional(),
        citation: datasetCitation.nullable().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type ProjectSettingsInput = z.infer<typeof projectSettingsInput>;

/** The current settings with a request's changes applied, checked whole. */
export function mergeProjectSettings(current: ProjectSettings, input: ProjectSettingsInput): ProjectSettings {
  return projectSettingsSchema.parse({
    ...current,
    ...input,
    deidentification: { ...current.deidentification, ...input.deidentification },
    quality: {
      ...current.quality,
      ...input.quality,
      defaults: { ...current.quality.defaults, ...input.quality?.defaults },
    },
    dataset: withoutNulls({ ...current.dataset, ...input.dataset }),
  });
}

function withoutNulls<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null)) as {
    [K in keyof T]: Exclude<T[K], null>;
  };
}

/** The stored settings text, read leniently: unknown keys are dropped and missing ones defaulted. */
export function parseProjectSettings(text: string): ProjectSettings {
  return projectSettingsSchema.parse(JSON.parse(text));
}
