import { describe, expect, it } from 'vitest';
import type { ExportDataset } from '../export-dataset.js';
import { nnunetSplitsFinal } from './nnunet-splits-final.js';
import { exportImage, LABELS, OBLIQUE } from './test-segmentation-dataset.js';

function dataset(splits: (ExportDataset['images'][number]['split'] | undefined)[]): ExportDataset {
  const images = splits.map((split, n) => exportImage(`case_${n}`, OBLIQUE, split));
  return { name: 'd', images, labels: LABELS, annotations: [] };
}

describe('nnunetSplitsFinal', () => {
  it("gives one fold in manual_data_splits.md's shape: train (and unsplit) vs validation, test left out", () => {
    const splits = nnunetSplitsFinal(dataset(['train', 'validation', 'test', undefined, 'validation']));
    expect(splits).toEqual([{ train: ['case_0', 'case_3'], val: ['case_1', 'case_4'] }]);
  });

  it('is undefined without validation images, leaving nnU-Net its five folds', () => {
    expect(nnunetSplitsFinal(dataset(['train', 'test', undefined]))).toBeUndefined();
  });
});
