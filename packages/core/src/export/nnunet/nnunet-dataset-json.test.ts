import { describe, expect, it } from 'vitest';
import { nnunetDatasetJsonSchema } from './nnunet-dataset-json.js';

/** The Dataset005_Prostate example of nnU-Net's documentation/dataset_format.md, without its comments. */
const PROSTATE = {
  channel_names: { '0': 'T2', '1': 'ADC' },
  labels: { background: 0, PZ: 1, TZ: 2 },
  numTraining: 32,
  file_ending: '.nii.gz',
  overwrite_image_reader_writer: 'SimpleITKIO',
};

describe('nnunetDatasetJsonSchema', () => {
  it("accepts the documentation's example, with and without its optional reader", () => {
    expect(nnunetDatasetJsonSchema.safeParse(PROSTATE).success).toBe(true);
    const { overwrite_image_reader_writer: _, ...required } = PROSTATE;
    expect(nnunetDatasetJsonSchema.safeParse({ ...required, name: 'Prostate' }).success).toBe(true);
  });

  it("accepts an 'ignore' label with the highest value (documentation/ignore_label.md)", () => {
    const labels = { background: 0, PZ: 1, TZ: 2, ignore: 3 };
    expect(nnunetDatasetJsonSchema.safeParse({ ...PROSTATE, labels }).success).toBe(true);
  });

  const broken: [string, object][] = [
    ['no channel_names', { channel_names: undefined }],
    ['a channel gap', { channel_names: { '0': 'T2', '2': 'ADC' } }],
    ['no background', { labels: { PZ: 1, TZ: 2 } }],
    ['background not 0', { labels: { background: 1, PZ: 0 } }],
    ['a label gap', { labels: { background: 0, PZ: 1, TZ: 3 } }],
    ['a repeated value', { labels: { background: 0, PZ: 1, TZ: 1 } }],
    ['a fractional value', { labels: { background: 0, PZ: 1.5 } }],
    ["'ignore' below another label", { labels: { background: 0, ignore: 1, PZ: 2 } }],
    ['no numTraining', { numTraining: undefined }],
    ['a negative numTraining', { numTraining: -1 }],
    ['no file_ending', { file_ending: undefined }],
    ['a file_ending without its dot', { file_ending: 'nii.gz' }],
  ];
  for (const [what, change] of broken) {
    it(`rejects ${what}`, () => {
      expect(nnunetDatasetJsonSchema.safeParse({ ...PROSTATE, ...change }).success).toBe(false);
    });
  }
});
