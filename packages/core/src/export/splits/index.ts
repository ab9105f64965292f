/**
 * Subject-level train/validation/test splits and cross-validation folds, stratified by label, seeded and
 * reproducible; and the per-split counts a dataset card reports. Method and rationale: docs/splits.md.
 */
export { type AssignSplitsOptions, assignSplits } from './assign-splits.js';
export { type KFoldsOptions, kFolds } from './k-folds.js';
export { checkSplitFractions, DEFAULT_SPLIT_FRACTIONS, type SplitFractions } from './split-fractions.js';
export {
  type SplitLabelCount,
  type SplitModalityCount,
  type SplitSummary,
  summariseSplits,
} from './split-summary.js';
export { strataByRarestLabel, UNLABELLED_STRATUM } from './strata-by-rarest-label.js';
export type { SplitImage, StratifyBy } from './subject-strata.js';
