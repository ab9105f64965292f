import { z } from 'zod';

/** How a consensus annotation came about: a fusion method, or a person's decision. */
export const CONSENSUS_METHODS = [
  'majority-vote',
  'staple',
  'weighted-box-fusion',
  'mean-position',
  'majority-label',
  'reader-accepted',
  'reviewer-edited',
] as const;

export type ConsensusMethod = (typeof CONSENSUS_METHODS)[number];

/** One reader's annotation, at the revision that went into the consensus. */
export const consensusInputSchema = z.strictObject({
  annotationId: z.string().min(1).max(200),
  revision: z.number().int().min(1),
  readerId: z.string().min(1).max(200),
});

/**
 * The record stored with a consensus annotation: which method, with which parameters (as passed, defaults
 * included, so the result can be reproduced), from which reader annotations at which revisions, and when.
 * `version` is this record's schema version (numbered like annotation payloads); `coreVersion` is the
 * @voxelhub/core version that computed it, when known.
 */
export const consensusProvenanceSchema = z.strictObject({
  version: z.literal(1),
  method: z.enum(CONSENSUS_METHODS),
  parameters: z.record(z.string(), z.unknown()),
  inputs: z.array(consensusInputSchema).min(1),
  createdAt: z.iso.datetime({ offset: true }),
  coreVersion: z.string().min(1).max(64).optional(),
});

export type ConsensusInput = z.infer<typeof consensusInputSchema>;
export type ConsensusProvenance = z.infer<typeof consensusProvenanceSchema>;
