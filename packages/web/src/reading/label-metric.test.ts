import { LABEL_TYPES } from '@voxelhub/core/annotation';
import { describe, expect, it } from 'vitest';
import { metricOfLabelType, thresholdRule } from './label-metric.js';

describe('metricOfLabelType', () => {
  // docs/quality.md, "How each label is measured": mask → Dice, box → F1, point → distance in mm (lower is
  // better), classification → label agreement; polylines, measurements and frame ranges are not measured.
  it.each([
    ['mask', 'dice', true],
    ['box', 'f1', true],
    ['point', 'distanceMm', false],
    ['classification', 'labelAgreement', true],
  ])('judges %s labels by %s', (type, metric, higherIsBetter) => {
    expect(metricOfLabelType(type)).toMatchObject({ metric, higherIsBetter });
  });

  it('measures nothing of the other label types', () => {
    const unmeasured = LABEL_TYPES.filter((t) => !['mask', 'box', 'point', 'classification'].includes(t));
    expect(unmeasured).toEqual(['polygon', 'polyline', 'measurement', 'frame-label']);
    for (const type of unmeasured) expect(metricOfLabelType(type), type).toBeNull();
  });

  it('knows no metric for a type it has never heard of, nor for Object.prototype names', () => {
    expect(metricOfLabelType('segmentation')).toBeNull();
    expect(metricOfLabelType('toString')).toBeNull();
  });
});

describe('thresholdRule', () => {
  it('says which side of the threshold passes', () => {
    expect(thresholdRule(metricOfLabelType('mask')!, 0.8)).toBe('≥ 0.80');
    expect(thresholdRule(metricOfLabelType('point')!, 5)).toBe('≤ 5 mm');
  });
});
