import type { AnnotationPayload } from '../../annotation/index.js';
import type { ExportAnnotation, ExportDataset, ExportLabel } from '../export-dataset.js';
import { summariseSplits } from '../splits/split-summary.js';
import { testImage } from '../splits/split-test-data.js';
import { type DatasetCardInput, DEIDENTIFICATION_PROFILE } from './dataset-card-input.js';

/**
 * The small dataset the card tests and docs/dataset-card.md use. Subjects p1 (CT a, CT b), p2 (MR c) in
 * train; p3 (CT d) in validation; p4 (e, modality unknown) in test. Annotations: liver ×2 on a, b and c,
 * ×1 on d and e (8); tumour on a, c and e (3); malignancy on d (1). Payloads are placeholders: the card
 * counts annotations, it never reads them.
 */

function label(
  id: string,
  name: string,
  type: ExportLabel['type'],
  colour: string,
  classIndex: number,
): ExportLabel {
  return { id, name, type, colour, classIndex };
}

function annotations(imageId: string, labelId: string, count: number): ExportAnnotation[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${imageId}-${labelId}-${i}`,
    imageId,
    labelId,
    payload: {} as unknown as AnnotationPayload,
  }));
}

export function cardTestDataset(names: { liver?: string; dataset?: string } = {}): ExportDataset {
  const withSplit = (image: ReturnType<typeof testImage>, split: 'train' | 'validation' | 'test') => ({
    ...image,
    split,
  });
  return {
    name: names.dataset ?? 'Liver CT v2',
    images: [
      withSplit(testImage('a', 'p1', 'CT'), 'train'),
      withSplit(testImage('b', 'p1', 'CT'), 'train'),
      withSplit(testImage('c', 'p2', 'MR'), 'train'),
      withSplit(testImage('d', 'p3', 'CT'), 'validation'),
      withSplit(testImage('e', 'p4', null), 'test'),
    ],
    labels: [
      label('liver', names.liver ?? 'Liver', 'mask', '#aa3300', 1),
      label('tumour', 'Tumour', 'mask', '#ffcc00', 2),
      label('malignancy', 'Malignancy', 'classification', '#3366ff', 3),
    ],
    annotations: [
      ...annotations('a', 'liver', 2),
      ...annotations('b', 'liver', 2),
      ...annotations('c', 'liver', 2),
      ...annotations('d', 'liver', 1),
      ...annotations('e', 'liver', 1),
      ...annotations('a', 'tumour', 1),
      ...annotations('c', 'tumour', 1),
      ...annotations('e', 'tumour', 1),
      ...annotations('d', 'malignancy', 1),
    ],
  };
}

export function cardTestInput(dataset: ExportDataset = cardTestDataset()): DatasetCardInput {
  return {
    dataset,
    version: {
      name: 'v2',
      note: 'Second round: tumours re-read by two radiologists.',
      createdAt: '2026-11-20T10:00:00Z',
      contentHash: 'sha256:3f9a0c1d',
      previous: 'v1',
    },
    project: { name: 'Liver lesions', description: 'Abdominal CT and MR with liver and tumour masks.' },
    license: { name: 'CC-BY-4.0', url: 'https://creativecommons.org/licenses/by/4.0/' },
    citation: {
      text: 'Doe J, Roe R. Liver lesions dataset, version v2. Voxelhub; 2026.',
      bibtex:
        '@misc{liver_lesions_v2,\n  author = {Doe, J. and Roe, R.},\n  title = {Liver lesions dataset, version v2},\n  year = {2026}\n}',
    },
    annotators: [
      { displayName: 'Dr Doe', itemsDone: 5 },
      { displayName: 'Dr Roe', itemsDone: 4 },
    ],
    agreement: [
      {
        labelName: 'Liver',
        metric: 'dice',
        mean: 0.9512,
        n: 5,
        threshold: 0.9,
        belowThreshold: 1,
        higherIsBetter: true,
      },
      {
        labelName: 'Malignancy',
        metric: 'labelAgreement',
        mean: 0.8,
        n: 5,
        threshold: 0.5,
        belowThreshold: 1,
        higherIsBetter: true,
        krippendorffAlpha: { estimate: 0.6154, lower: 0.1, upper: 1 },
      },
    ],
    deidentification: {
      required: true,
      profile: DEIDENTIFICATION_PROFILE,
      options: ['cleanDescriptors', 'retainLongitudinalModifiedDates'],
    },
    splits: summariseSplits(dataset),
  };
}
