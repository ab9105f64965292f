import type { Segment } from '@voxelhub/core/annotation';
import { describe, expect, it } from 'vitest';
import type { Label } from '../../api/api-types.js';
import { activateSegmentOf } from './mask-label.js';

const label = (id: string, name: string): Label => ({
  id,
  name,
  type: 'mask',
  colour: '#aa3300',
  guideline: '',
  sortOrder: 0,
  classification: null,
  examples: [],
});

function editor() {
  const segments: Segment[] = [];
  let active: number | undefined;
  return {
    segments: () => segments,
    addSegment: (s: { labelId: string; name: string; colour?: string }) => {
      const index = segments.length + 1;
      segments.push({
        index,
        labelId: s.labelId,
        name: s.name,
        colour: s.colour ?? '#ffffff',
        locked: false,
      });
      active = index;
      return index;
    },
    setActiveSegment: (index: number) => {
      active = index;
    },
    active: () => active,
  };
}

describe('activateSegmentOf', () => {
  it("adds a mask label's segment once, named and coloured after the label, and comes back to it", () => {
    const e = editor();
    expect(activateSegmentOf(e, label('liver', 'Liver'))).toBe(1);
    expect(activateSegmentOf(e, label('lung', 'Lung'))).toBe(2);
    expect(activateSegmentOf(e, label('liver', 'Liver'))).toBe(1);
    expect(e.active()).toBe(1);
    expect(e.segments().map((s) => [s.index, s.name, s.colour])).toEqual([
      [1, 'Liver', '#aa3300'],
      [2, 'Lung', '#aa3300'],
    ]);
  });
});
