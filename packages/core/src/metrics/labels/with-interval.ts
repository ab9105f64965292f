import { type BootstrapInterval, type BootstrapOptions, bootstrapInterval } from './bootstrap-interval.js';
import { orderCategories } from './category-order.js';
import { type CohensKappaOptions, cohensKappa } from './cohens-kappa.js';
import { fleissKappa } from './fleiss-kappa.js';
import { type KrippendorffAlphaOptions, krippendorffAlpha } from './krippendorff-alpha.js';
import { percentAgreement } from './percent-agreement.js';
import { collectCategories, type Rating, type RatingMatrix } from './rating.js';

/** The item indices 0 … n − 1: what the two-rater and raters × units forms resample. */
function indices(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function pick(ratings: readonly Rating[], chosen: readonly number[]): Rating[] {
  return chosen.map((i) => ratings[i]!);
}

/** Two-rater percent agreement with a bootstrap interval over items. */
export function percentAgreementWithInterval(
  a: readonly Rating[],
  b: readonly Rating[],
  bootstrap: BootstrapOptions = {},
): BootstrapInterval {
  percentAgreement(a, b);
  return bootstrapInterval(
    (chosen) => percentAgreement(pick(a, chosen), pick(b, chosen)),
    indices(a.length),
    bootstrap,
  );
}

/**
 * Cohen's kappa with a bootstrap interval over items. The category list is fixed from all the data
 * first, so that a resample missing a category keeps the same weights as the estimate.
 */
export function cohensKappaWithInterval(
  a: readonly Rating[],
  b: readonly Rating[],
  options: CohensKappaOptions = {},
  bootstrap: BootstrapOptions = {},
): BootstrapInterval {
  cohensKappa(a, b, options);
  const observed = collectCategories('cohensKappa', [...a, ...b], (i) => `rating ${i}`);
  const fixed = { ...options, categories: orderCategories('cohensKappa', observed, options.categories) };
  return bootstrapInterval(
    (chosen) => cohensKappa(pick(a, chosen), pick(b, chosen), fixed),
    indices(a.length),
    bootstrap,
  );
}

/** Fleiss' kappa of ratings[item][rater] with a bootstrap interval over items (rows). */
export function fleissKappaWithInterval(
  ratings: RatingMatrix,
  bootstrap: BootstrapOptions = {},
): BootstrapInterval {
  return bootstrapInterval((items) => fleissKappa(items), ratings, bootstrap);
}

/**
 * Krippendorff's alpha of reliabilityData[rater][unit] with a bootstrap interval over units
 * (columns). This resamples units as the other statistics do, not Krippendorff's own bootstrap of
 * pairable values. (Ordinal distances need no fixed category list: an absent category has n_g = 0.)
 */
export function krippendorffAlphaWithInterval(
  reliabilityData: RatingMatrix,
  options: KrippendorffAlphaOptions = {},
  bootstrap: BootstrapOptions = {},
): BootstrapInterval {
  krippendorffAlpha(reliabilityData, options);
  return bootstrapInterval(
    (chosen) =>
      krippendorffAlpha(
        reliabilityData.map((row) => pick(row, chosen)),
        options,
      ),
    indices(reliabilityData[0]!.length),
    bootstrap,
  );
}
