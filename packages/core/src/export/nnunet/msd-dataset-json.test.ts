import { describe, expect, it } from 'vitest';
import { msdDatasetJsonSchema } from './msd-dataset-json.js';

/**
 * The shape of the Decathlon's Task02_Heart/dataset.json (medicaldecathlon.com), shortened to two
 * training cases and one test image; 'relase' is misspelt as in the original.
 */
const HEART = {
  name: 'LeftAtrium',
  description: 'Left atrium segmentation',
  reference: "King's College London",
  licence: 'CC-BY-SA 4.0',
  relase: '1.0 04/05/2018',
  tensorImageSize: '3D',
  modality: { '0': 'MRI' },
  labels: { '0': 'background', '1': 'left atrium' },
  numTraining: 2,
  numTest: 1,
  training: [
    { image: './imagesTr/la_007.nii.gz', label: './labelsTr/la_007.nii.gz' },
    { image: './imagesTr/la_019.nii.gz', label: './labelsTr/la_019.nii.gz' },
  ],
  test: ['./imagesTs/la_015.nii.gz'],
};

describe('msdDatasetJsonSchema', () => {
  it("accepts the Decathlon's own layout, and a four-channel task's 4D images", () => {
    expect(msdDatasetJsonSchema.safeParse(HEART).success).toBe(true);
    const brats = {
      ...HEART,
      tensorImageSize: '4D',
      modality: { '0': 'FLAIR', '1': 'T1w', '2': 't1gd', '3': 'T2w' },
    };
    expect(msdDatasetJsonSchema.safeParse(brats).success).toBe(true);
  });

  const broken: [string, object][] = [
    ['no tensorImageSize', { tensorImageSize: undefined }],
    ['a 2D tensorImageSize', { tensorImageSize: '2D' }],
    ['no modality', { modality: undefined }],
    ['labels without background', { labels: { '0': 'left atrium' } }],
    ['a label gap', { labels: { '0': 'background', '2': 'left atrium' } }],
    ['numTraining not the training count', { numTraining: 3 }],
    ['numTest not the test count', { numTest: 0 }],
    [
      'a training label outside labelsTr',
      { training: [{ image: './imagesTr/a.nii.gz', label: './labels/a.nii.gz' }], numTraining: 1 },
    ],
    ['a test path without ./imagesTs', { test: ['la_015.nii.gz'] }],
  ];
  for (const [what, change] of broken) {
    it(`rejects ${what}`, () => {
      expect(msdDatasetJsonSchema.safeParse({ ...HEART, ...change }).success).toBe(false);
    });
  }
});
