import { describe, expect, it } from 'vitest';
import { defaultFrameLabelId, frameLabels } from './frame-labels.js';
import { labelLooks } from './label-lookup.js';
import { labelOf } from './test-entries.js';

const labels = [
  labelOf('mask', 'mask'),
  labelOf('systole', 'frame-label'),
  labelOf('contrast', 'frame-label', { colour: '#3cb44b', name: 'Contrast' }),
];

describe('frame labels', () => {
  it('keeps the frame-label labels', () => {
    expect(frameLabels(labels).map((l) => l.id)).toEqual(['systole', 'contrast']);
  });

  it('gives new ranges the selected label when it is a frame label, else the first one', () => {
    expect(defaultFrameLabelId(labels, 'contrast')).toBe('contrast');
    expect(defaultFrameLabelId(labels, 'mask')).toBe('systole');
    expect(defaultFrameLabelId(labels, null)).toBe('systole');
    expect(defaultFrameLabelId(labels, undefined)).toBe('systole');
    expect(defaultFrameLabelId([labelOf('mask', 'mask')], 'mask')).toBeNull();
  });

  it('looks labels up by id, with a neutral look for one no longer in the project', () => {
    const look = labelLooks(labels);
    expect(look('contrast')).toEqual({ name: 'Contrast', colour: '#3cb44b' });
    expect(look('gone')).toEqual({ name: 'Unknown label', colour: 'var(--muted)' });
  });
});
