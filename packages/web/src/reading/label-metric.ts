import type { AgreementDefaults } from '../api/api-types.js';

/** Which agreement number a label is judged by; the keys of settings.quality.defaults. */
export type AgreementMetric = keyof AgreementDefaults;

/** How a metric reads on the settings screen, and which thresholds the server takes for it. */
export interface MetricRule {
  readonly metric: AgreementMetric;
  /** "Dice", "Box F1", … */
  readonly name: string;
  /** Distances pass at or below the threshold; every other metric at or above it. */
  readonly higherIsBetter: boolean;
  /** '' for fractions, 'mm' for distances. */
  readonly unit: '' | 'mm';
  /** The largest threshold the server accepts (project-settings.ts): fractions 1, distances 1000 mm. */
  readonly max: number;
  /** What the number is, in one line. */
  readonly explanation: string;
}

export const METRIC_RULES: Readonly<Record<AgreementMetric, MetricRule>> = {
  dice: {
    metric: 'dice',
    name: 'Dice',
    higherIsBetter: true,
    unit: '',
    max: 1,
    explanation: 'overlap of two readers’ masks, 0 (none) to 1 (identical)',
  },
  f1: {
    metric: 'f1',
    name: 'Box F1',
    higherIsBetter: true,
    unit: '',
    max: 1,
    explanation: 'share of boxes the readers both drew (matched at IoU ≥ 0.5), 0 to 1',
  },
  distanceMm: {
    metric: 'distanceMm',
    name: 'Landmark distance',
    higherIsBetter: false,
    unit: 'mm',
    max: 1000,
    explanation: 'mean distance between the readers’ landmarks of the same name, in mm; lower is better',
  },
  labelAgreement: {
    metric: 'labelAgreement',
    name: 'Label agreement',
    higherIsBetter: true,
    unit: '',
    max: 1,
    explanation: 'share of readers giving the most common answer, 0 to 1',
  },
};

/** The metrics in the order the settings list them. */
export const METRICS: readonly AgreementMetric[] = ['dice', 'f1', 'distanceMm', 'labelAgreement'];

// The server's METRIC_OF (quality/item-agreement.ts): the label types it measures, each by one metric.
const METRIC_OF_TYPE: Readonly<Record<string, AgreementMetric>> = {
  mask: 'dice',
  box: 'f1',
  point: 'distanceMm',
  classification: 'labelAgreement',
};

/** The metric a label of this type is judged by, or null for types the server does not measure. */
export function metricOfLabelType(type: string): MetricRule | null {
  const metric = Object.hasOwn(METRIC_OF_TYPE, type) ? METRIC_OF_TYPE[type] : undefined;
  return metric ? METRIC_RULES[metric] : null;
}

/** A threshold as a rule: "≥ 0.80", "≤ 5 mm". */
export function thresholdRule(rule: MetricRule, threshold: number): string {
  const value = rule.unit === 'mm' ? `${threshold} mm` : threshold.toFixed(2);
  return `${rule.higherIsBetter ? '≥' : '≤'} ${value}`;
}
