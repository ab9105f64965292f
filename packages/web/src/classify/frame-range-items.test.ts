import { describe, expect, it } from 'vitest';
import { frameRangeItems } from './frame-range-items.js';
import { frameRangePayload } from './frame-range-payload.js';
import { answerEntry, CINE, entryOf, rangeEntry, SERIES } from './test-entries.js';

describe('the frame ranges of a cine', () => {
  it('lists the ranges of this cine on this target in frame order, overlapping ones included', () => {
    const entries = [
      rangeEntry('late', 30, 40),
      rangeEntry('wide', 0, 50, { labelId: 'contrast' }),
      rangeEntry('inside', 30, 35),
      rangeEntry('early', 2, 8),
    ];
    const items = frameRangeItems(entries, SERIES, CINE);
    expect(items.map((i) => i.key)).toEqual(['wide', 'early', 'inside', 'late']);
    expect(items[0]).toMatchObject({ labelId: 'contrast', range: { start: 0, end: 50 } });
  });

  it('leaves out other cines, other targets, deleted ranges and other annotation types', () => {
    const entries = [
      rangeEntry('other-cine', 0, 5, { imageId: 'cine-2' }),
      rangeEntry('other-target', 0, 5, { target: { seriesId: 'series-2' } }),
      entryOf('deleted', frameRangePayload({ labelId: 'x', imageId: CINE, range: { start: 0, end: 1 } }), {
        deleted: true,
      }),
      answerEntry('answer', {
        level: 'image',
        value: { kind: 'single', choice: 'a' },
        imageRef: { imageId: CINE, frameIndex: 0 },
      }),
    ];
    expect(frameRangeItems(entries, SERIES, CINE)).toEqual([]);
  });
});
