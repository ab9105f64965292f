/**
 * Agreement between raters' categorical labels: percent agreement, Cohen's kappa (unweighted and
 * weighted), Fleiss' kappa, Krippendorff's alpha, and seeded percentile-bootstrap intervals.
 * Definitions and conventions: docs/metrics-labels.md.
 */
export { type BootstrapInterval, type BootstrapOptions, bootstrapInterval } from './bootstrap-interval.js';
export { naturalCompare } from './category-order.js';
export { type CohensKappaOptions, cohensKappa, type KappaWeights } from './cohens-kappa.js';
export { fleissKappa, fleissKappaFromCounts } from './fleiss-kappa.js';
export {
  type KrippendorffAlphaOptions,
  krippendorffAlpha,
  type MeasurementLevel,
} from './krippendorff-alpha.js';
export { percentAgreement } from './percent-agreement.js';
export type { Category, Rating, RatingMatrix } from './rating.js';
export { mulberry32 } from './seeded-random.js';
export {
  cohensKappaWithInterval,
  fleissKappaWithInterval,
  krippendorffAlphaWithInterval,
  percentAgreementWithInterval,
} from './with-interval.js';
