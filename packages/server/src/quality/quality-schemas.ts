import { CONSENSUS_METHODS, type ConsensusInput, consensusInputSchema } from '@voxelhub/core';
import { z } from 'zod';
import { annotationOutput } from '../annotations/annotation-schemas.js';
import {
  CONSENSUS_SET_METHODS,
  CONSENSUS_STATUSES,
  QUALITY_ITEM_STATUSES,
  TASK_STATUSES,
} from '../storage/schema.js';

/** The request and response shapes of the quality routes, and the JSON stored with items and consensus. */

export const projectParams = z.object({ projectId: z.uuid() });
export const itemParams = z.object({ projectId: z.uuid(), itemId: z.uuid() });

export const AGREEMENT_METRICS = ['dice', 'f1', 'distanceMm', 'labelAgreement'] as const;
export type AgreementMetric = (typeof AGREEMENT_METRICS)[number];

const score = z.number().nullable();

export const readerPair = z.object({
  a: z.string(),
  b: z.string(),
  value: score,
  details: z.record(z.string(), score).optional(),
});

/** One label's agreement on one item (stored in quality_items.agreement). */
export const labelAgreement = z.object({
  labelId: z.string(),
  labelName: z.string(),
  labelType: z.string(),
  /** '#rrggbb', the label's colour in the schema. */
  labelColour: z.string().optional(),
  metric: z.enum(AGREEMENT_METRICS),
  higherIsBetter: z.boolean(),
  /** Mean over reader pairs; null when not measurable (see note). */
  value: score,
  threshold: z.number(),
  passed: z.boolean(),
  pairs: z.array(readerPair),
  perReader: z.array(z.object({ userId: z.string(), value: score })),
  note: z.string().optional(),
});
export type LabelAgreement = z.infer<typeof labelAgreement>;

export const storedAgreement = z.object({
  labels: z.array(labelAgreement),
  error: z.string().nullable().default(null),
});

export const consensusLabel = z.object({
  labelId: z.string(),
  /** How this label's consensus came about (core's consensus methods). */
  method: z.enum(CONSENSUS_METHODS),
  parameters: z.record(z.string(), z.unknown()),
  annotationIds: z.array(z.string()),
  readers: z
    .array(z.object({ userId: z.string(), sensitivity: z.number(), specificity: z.number() }))
    .optional(),
  needsAdjudication: z.boolean().optional(),
});
export type ConsensusLabel = z.infer<typeof consensusLabel>;

/** A reader annotation at the revision a consensus was made from (core's provenance record). */
export const consensusInput = consensusInputSchema;
export type { ConsensusInput };

export const consensusOutput = z.object({
  id: z.string(),
  itemId: z.string(),
  status: z.enum(CONSENSUS_STATUSES),
  method: z.enum(CONSENSUS_SET_METHODS),
  labels: z.array(consensusLabel),
  inputs: z.array(consensusInput),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  acceptedBy: z.string().nullable(),
  acceptedAt: z.string().nullable(),
});
export type ConsensusOutput = z.infer<typeof consensusOutput>;

export const readerOutput = z.object({
  userId: z.string(),
  displayName: z.string(),
  taskId: z.string(),
  taskStatus: z.enum(TASK_STATUSES),
});

export const qualityItemOutput = z.object({
  id: z.string(),
  imageId: z.string().nullable(),
  seriesId: z.string().nullable(),
  studyUid: z.string().nullable(),
  seriesUid: z.string().nullable(),
  /** The image's format ('dicom', 'nifti', 'png', 'jpeg'); null for a series item. */
  format: z.string().nullable(),
  /** The image's voxel grid [columns, rows, slices] as imported; null when unknown or a series item. */
  dims: z.array(z.number().int()).length(3).nullable(),
  status: z.enum(QUALITY_ITEM_STATUSES),
  readers: z.array(readerOutput),
  agreement: z.array(labelAgreement).nullable(),
  /** Why agreement could not be computed, when it could not. */
  error: z.string().nullable(),
  computedAt: z.string().nullable(),
  worst: z.number().nullable(),
  consensusId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type QualityItemOutput = z.infer<typeof qualityItemOutput>;

export const createItemsBody = z.strictObject({
  items: z
    .array(
      z
        .strictObject({ imageId: z.uuid().optional(), seriesId: z.uuid().optional() })
        .refine((item) => (item.imageId === undefined) !== (item.seriesId === undefined), {
          message: 'give imageId or seriesId, not both',
          path: ['imageId'],
        }),
    )
    .min(1)
    .max(1000),
});

export const listItemsQuery = z.object({
  status: z.enum(QUALITY_ITEM_STATUSES).optional(),
  /** The item of this image or series, if there is one. */
  imageId: z.uuid().optional(),
  seriesId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const itemDetailOutput = z.object({
  item: qualityItemOutput,
  annotations: z.array(z.object({ readerId: z.string(), annotations: z.array(annotationOutput) })),
  consensus: consensusOutput.nullable(),
  consensusAnnotations: z.array(annotationOutput),
  /** For each mask label, the slices each source (a reader's id, or 'consensus') marked: where to look. */
  maskSlices: z.array(
    z.object({ labelId: z.string(), source: z.string(), slices: z.array(z.number().int()) }),
  ),
});

export const decisionBody = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('accept-reader'),
    readerId: z.uuid(),
    comment: z.string().max(2000).optional(),
  }),
  z.strictObject({ action: z.literal('accept-consensus'), comment: z.string().max(2000).optional() }),
  z.strictObject({
    action: z.literal('send-back'),
    comment: z.string().trim().min(1).max(2000),
    readerIds: z.array(z.uuid()).min(1).max(20).optional(),
  }),
]);
export type DecisionBody = z.infer<typeof decisionBody>;

export const consensusBody = z.strictObject({ method: z.enum(['staple', 'majority-vote']).optional() });

export const maskParams = z.object({
  projectId: z.uuid(),
  itemId: z.uuid(),
  labelId: z.string().regex(/^[0-9a-f-]{36}\.png$/),
});
export const maskQuery = z.object({
  source: z.string().regex(/^([0-9a-f-]{36}|consensus)$/),
  slice: z.coerce.number().int().min(0).default(0),
});
