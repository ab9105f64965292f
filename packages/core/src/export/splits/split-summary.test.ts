import { describe, expect, it } from 'vitest';
import type { Split } from '../export-dataset.js';
import { summariseSplits } from './split-summary.js';
import { testAnnotation, testDataset, testImage, testLabel } from './split-test-data.js';

// p1 (train): CT a with 2 tumour + 1 cyst, MR b with 1 tumour. p2 (train): CT c, nothing.
// p3 (test): image d of unknown modality with 1 cyst. No validation images.
const dataset = testDataset(
  [
    testImage('a', 'p1', 'CT'),
    testImage('b', 'p1', 'MR'),
    testImage('c', 'p2', 'CT'),
    testImage('d', 'p3', null),
  ],
  [testLabel('tumour', 1), testLabel('cyst', 2)],
  [
    testAnnotation('1', 'a', 'tumour'),
    testAnnotation('2', 'a', 'tumour'),
    testAnnotation('3', 'a', 'cyst'),
    testAnnotation('4', 'b', 'tumour'),
    testAnnotation('5', 'd', 'cyst'),
  ],
);
const assignment = new Map<string, Split>([
  ['a', 'train'],
  ['b', 'train'],
  ['c', 'train'],
  ['d', 'test'],
]);

describe('summariseSplits', () => {
  it('counts subjects, images and annotations per split × label and per split × modality', () => {
    const [train, validation, test] = summariseSplits(dataset, assignment);
    expect(train).toEqual({
      split: 'train',
      subjects: 2,
      images: 3,
      annotations: 4,
      labels: [
        { labelId: 'tumour', labelName: 'tumour name', subjects: 1, images: 2, annotations: 3 },
        { labelId: 'cyst', labelName: 'cyst name', subjects: 1, images: 1, annotations: 1 },
      ],
      modalities: [
        { modality: 'CT', subjects: 2, images: 2 },
        { modality: 'MR', subjects: 1, images: 1 },
      ],
    });
    expect(validation).toEqual({
      split: 'validation',
      subjects: 0,
      images: 0,
      annotations: 0,
      labels: [
        { labelId: 'tumour', labelName: 'tumour name', subjects: 0, images: 0, annotations: 0 },
        { labelId: 'cyst', labelName: 'cyst name', subjects: 0, images: 0, annotations: 0 },
      ],
      modalities: [],
    });
    expect(test?.labels[1]).toEqual({
      labelId: 'cyst',
      labelName: 'cyst name',
      subjects: 1,
      images: 1,
      annotations: 1,
    });
    expect(test?.modalities).toEqual([{ modality: null, subjects: 1, images: 1 }]);
  });

  it('reads each image’s own split when no assignment is given', () => {
    const withSplits = {
      ...dataset,
      images: dataset.images.map((image) => ({ ...image, split: assignment.get(image.id)! })),
    };
    expect(summariseSplits(withSplits)).toEqual(summariseSplits(dataset, assignment));
  });

  it('rejects images without a split, strangers in the assignment and dangling annotations', () => {
    expect(() => summariseSplits(dataset)).toThrow(/image 'a' has no split \(got undefined\)/);
    const extra = new Map([...assignment, ['zz', 'test' as const]]);
    expect(() => summariseSplits(dataset, extra)).toThrow(
      /the assignment names image 'zz', not in the dataset/,
    );
    const dangling = { ...dataset, annotations: [testAnnotation('9', 'nowhere', 'cyst')] };
    expect(() => summariseSplits(dangling, assignment)).toThrow(
      /annotation '9' refers to unknown image 'nowhere'/,
    );
    const badLabel = { ...dataset, annotations: [testAnnotation('9', 'a', 'polyp')] };
    expect(() => summariseSplits(badLabel, assignment)).toThrow(
      /annotation '9' refers to unknown label 'polyp'/,
    );
  });
});
