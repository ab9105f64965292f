/**
 * How agreement numbers read on screen. Overlap and label agreements are fractions (two decimals);
 * distances are millimetres (one decimal, lower is better). A missing value is a dash, never 0.
 */
const METRIC_NAMES: Readonly<Record<string, string>> = {
  dice: 'Dice',
  f1: 'F1',
  distanceMm: 'Distance',
  labelAgreement: 'Label agreement',
};

export function metricName(metric: string): string {
  return METRIC_NAMES[metric] ?? metric;
}

export const MISSING = '—';

export function formatMetric(value: number | null | undefined, metric: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  return metric === 'distanceMm' ? `${value.toFixed(1)} mm` : value.toFixed(2);
}

/** A plain number with `digits` decimals, or the dash. */
export function formatNumber(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  return value.toFixed(digits);
}

/** The threshold as a rule: "≥ 0.80" for overlaps, "≤ 5.0 mm" for distances. */
export function formatThreshold(threshold: number, metric: string, higherIsBetter: boolean): string {
  return `${higherIsBetter ? '≥' : '≤'} ${formatMetric(threshold, metric)}`;
}

/**
 * A score relative to its threshold, the way the server's `worst` is defined: value/threshold when higher is
 * better, threshold/value for distances; 1 is exactly at the threshold, below 1 fails. Null when it cannot be
 * said (no value, a zero threshold to divide by). A zero distance is perfect: +∞.
 */
export function relativeScore(
  value: number | null,
  threshold: number,
  higherIsBetter: boolean,
): number | null {
  if (value === null || !Number.isFinite(value) || !Number.isFinite(threshold)) return null;
  if (higherIsBetter) return threshold > 0 ? value / threshold : null;
  return value === 0 ? Number.POSITIVE_INFINITY : threshold / value;
}

/** A share as a whole percentage ("83 %"), or the dash. */
export function formatPercent(share: number | null): string {
  return share === null || !Number.isFinite(share) ? MISSING : `${Math.round(share * 100)} %`;
}

/** A Krippendorff α or similar estimate with its interval: "0.71 (0.55–0.84)". */
export function formatEstimate(
  estimate:
    | { readonly estimate: number | null; readonly lower: number | null; readonly upper: number | null }
    | undefined,
): string {
  if (!estimate || estimate.estimate === null) return MISSING;
  const interval =
    estimate.lower !== null && estimate.upper !== null
      ? ` (${formatNumber(estimate.lower)}–${formatNumber(estimate.upper)})`
      : '';
  return `${formatNumber(estimate.estimate)}${interval}`;
}
