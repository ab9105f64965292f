import { describe, expect, it } from 'vitest';
import { assignSplits } from './assign-splits.js';
import { valuePerSubject } from './split-arbitraries.js';
import { testAnnotation, testDataset, testImage, testLabel } from './split-test-data.js';
import { strataByRarestLabel } from './strata-by-rarest-label.js';

// Labels in schema order: tumour, cyst, oedema, calcification.
// p1: tumour (img a) + cyst (img b) · p2: tumour · p3: tumour + oedema · p4: cyst · p5: nothing ·
// p6: calcification + oedema on one image.
// Subjects per label: tumour 3 (p1 p2 p3), cyst 2 (p1 p4), oedema 2 (p3 p6), calcification 1 (p6).
// Rarest: p1 → cyst (2 < 3); p2 → tumour; p3 → oedema (2 < 3); p4 → cyst; p5 → 'unlabelled';
// p6 → calcification (1 < 2).
const dataset = testDataset(
  [
    testImage('a', 'p1'),
    testImage('b', 'p1'),
    testImage('c', 'p2'),
    testImage('d', 'p3'),
    testImage('e', 'p4'),
    testImage('f', 'p5'),
    testImage('g', 'p6'),
  ],
  [testLabel('tumour', 1), testLabel('cyst', 2), testLabel('oedema', 3), testLabel('calcification', 4)],
  [
    testAnnotation('1', 'a', 'tumour'),
    testAnnotation('2', 'a', 'tumour'),
    testAnnotation('3', 'b', 'cyst'),
    testAnnotation('4', 'c', 'tumour'),
    testAnnotation('5', 'd', 'tumour'),
    testAnnotation('6', 'd', 'oedema'),
    testAnnotation('7', 'e', 'cyst'),
    testAnnotation('8', 'g', 'calcification'),
    testAnnotation('9', 'g', 'oedema'),
  ],
);

describe('strataByRarestLabel', () => {
  it('keys each subject by its rarest label, or unlabelled', () => {
    const stratum = strataByRarestLabel(dataset);
    expect(['p1', 'p2', 'p3', 'p4', 'p5', 'p6'].map(stratum)).toEqual([
      'cyst',
      'tumour',
      'oedema',
      'cyst',
      'unlabelled',
      'calcification',
    ]);
  });

  it('breaks a tie in rarity by schema order', () => {
    // q1 has x and y, each held by one subject only. y is listed first in the schema, so it wins, though
    // both its classIndex and its id would put x first.
    const tie = testDataset(
      [testImage('i1', 'q1')],
      [testLabel('y', 2), testLabel('x', 1)],
      [testAnnotation('1', 'i1', 'x'), testAnnotation('2', 'i1', 'y')],
    );
    expect(strataByRarestLabel(tie)('q1')).toBe('y');
  });

  it('feeds assignSplits: all of p1’s images share a split', () => {
    const splits = assignSplits(dataset.images, undefined, {
      seed: 1,
      stratifyBy: strataByRarestLabel(dataset),
    });
    expect(valuePerSubject(dataset.images, splits).size).toBe(6);
  });

  it('rejects annotations on unknown images or labels, and unknown subjects', () => {
    const orphan = testDataset(dataset.images, dataset.labels, [testAnnotation('z', 'nowhere', 'cyst')]);
    expect(() => strataByRarestLabel(orphan)).toThrow(
      /annotation 'z' refers to image 'nowhere', not in the dataset/,
    );
    const unknownLabel = testDataset(dataset.images, dataset.labels, [testAnnotation('z', 'a', 'polyp')]);
    expect(() => strataByRarestLabel(unknownLabel)).toThrow(/annotation 'z' refers to label 'polyp'/);
    expect(() => strataByRarestLabel(dataset)('p9')).toThrow(
      /subject 'p9' has no image in dataset 'test dataset'/,
    );
  });
});
