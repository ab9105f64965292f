import { describe, expect, it } from 'vitest';
import {
  formatEstimate,
  formatMetric,
  formatPercent,
  formatThreshold,
  metricName,
  relativeScore,
} from './metric-format.js';

describe('formatMetric', () => {
  it('shows fractions with two decimals and distances in mm with one', () => {
    expect(formatMetric(0.8666, 'dice')).toBe('0.87');
    expect(formatMetric(1, 'labelAgreement')).toBe('1.00');
    expect(formatMetric(3.25, 'distanceMm')).toBe('3.3 mm');
  });

  it('shows a dash, not zero, for a value that could not be measured', () => {
    expect(formatMetric(null, 'dice')).toBe('—');
    expect(formatMetric(Number.NaN, 'f1')).toBe('—');
  });
});

describe('formatThreshold', () => {
  it('says which side passes', () => {
    expect(formatThreshold(0.8, 'dice', true)).toBe('≥ 0.80');
    expect(formatThreshold(5, 'distanceMm', false)).toBe('≤ 5.0 mm');
  });
});

describe('relativeScore', () => {
  // The contract defines worst as value/threshold, or threshold/value for distances.
  it('divides by the threshold for overlaps and into it for distances', () => {
    expect(relativeScore(0.6, 0.8, true)).toBeCloseTo(0.75);
    expect(relativeScore(10, 5, false)).toBe(0.5);
    expect(relativeScore(2.5, 5, false)).toBe(2);
  });

  it('treats a zero distance as perfect and an unknown value as unknown', () => {
    expect(relativeScore(0, 5, false)).toBe(Number.POSITIVE_INFINITY);
    expect(relativeScore(null, 0.8, true)).toBeNull();
    expect(relativeScore(0.5, 0, true)).toBeNull();
  });
});

describe('labels of numbers', () => {
  it('names metrics and formats shares and interval estimates', () => {
    expect(metricName('dice')).toBe('Dice');
    expect(metricName('somethingNew')).toBe('somethingNew');
    expect(formatPercent(5 / 6)).toBe('83 %');
    expect(formatPercent(null)).toBe('—');
    expect(formatEstimate({ estimate: 0.714, lower: 0.55, upper: 0.843 })).toBe('0.71 (0.55–0.84)');
    expect(formatEstimate({ estimate: 0.714, lower: null, upper: null })).toBe('0.71');
    expect(formatEstimate({ estimate: null, lower: null, upper: null })).toBe('—');
    expect(formatEstimate(undefined)).toBe('—');
  });
});
