import { describe, expect, it } from 'vitest';
import type { ExportLabel } from '../export-dataset.js';
import { renumberLabelMap, segmentsFromLabels } from './segments-from-labels.js';

const LABELS: ExportLabel[] = [
  { id: 'a', name: 'Liver', type: 'mask', colour: '#dd8265', classIndex: 1 },
  { id: 'b', name: 'Nodule box', type: 'box', colour: '#00ff00', classIndex: 2 },
  { id: 'c', name: 'Tumour', type: 'mask', colour: '#ff0000', classIndex: 3 },
];

describe('segmentsFromLabels', () => {
  it('numbers mask labels 1..N in class order, skipping other label types', () => {
    const { segments, segmentOfClass } = segmentsFromLabels(LABELS);
    expect(segments).toEqual([
      { number: 1, label: 'Liver', colour: '#dd8265' },
      { number: 2, label: 'Tumour', colour: '#ff0000' },
    ]);
    expect([...segmentOfClass]).toEqual([
      [1, 1],
      [3, 2],
    ]);
  });

  it('renumbers a label map of class indices into segment numbers', () => {
    const { segmentOfClass } = segmentsFromLabels(LABELS);
    expect([...renumberLabelMap([0, 1, 2, 3, 3], segmentOfClass)]).toEqual([0, 1, 0, 2, 2]);
  });
});
