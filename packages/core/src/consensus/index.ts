/**
 * Consensus of several readers' annotations: majority vote and STAPLE for label maps, weighted boxes
 * fusion for boxes, mean position for landmarks, majority label for classifications, and the provenance
 * record stored with the result. Pure TypeScript on typed arrays, for Node and the browser.
 */
export {
  CONSENSUS_METHODS,
  type ConsensusInput,
  type ConsensusMethod,
  type ConsensusProvenance,
  consensusInputSchema,
  consensusProvenanceSchema,
} from './consensus-provenance.js';
export { type MajorityLabelOptions, type MajorityLabelResult, majorityLabel } from './majority-label.js';
export {
  type MajorityTieBreak,
  type MajorityVoteOptions,
  majorityVoteMasks,
} from './majority-vote-masks.js';
export { type MeanLandmark, meanLandmarks, type ReaderLandmark } from './mean-landmarks.js';
export { type StapleResult, staple } from './staple.js';
export {
  type LabelStaple,
  type MultiLabelStapleResult,
  stapleMultiLabel,
} from './staple-multi-label.js';
export type { ReaderPerformance, StapleOptions } from './staple-options.js';
export {
  type FusedBox,
  type FusedBoxSource,
  type WbfConfidence,
  type WeightedBoxFusionOptions,
  weightedBoxFusion,
} from './weighted-box-fusion.js';
