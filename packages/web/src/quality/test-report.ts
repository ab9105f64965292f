import type { AnnotatorQuality, PerLabelQuality, QualityItem, Reader } from './quality-api.js';

/** Hand-made API answers for the quality screens' markup tests. */
export const TEST_READERS: readonly Reader[] = [
  { userId: 'u1', displayName: 'Ana', taskId: 't1', taskStatus: 'done' },
  { userId: 'u2', displayName: 'Mo', taskId: 't2', taskStatus: 'done' },
];

export function testItem(overrides: Partial<QualityItem> = {}): QualityItem {
  return {
    id: 'it-1',
    imageId: null,
    seriesId: 's-1',
    studyUid: '1.2',
    seriesUid: '1.2.3',
    status: 'disputed',
    readers: TEST_READERS,
    agreement: [
      {
        labelId: 'liver',
        labelName: 'Liver',
        labelType: 'segmentation',
        metric: 'dice',
        higherIsBetter: true,
        value: 0.61,
        threshold: 0.8,
        passed: false,
        pairs: [{ a: 'u1', b: 'u2', value: 0.61, details: { hd95: 7.5 } }],
        perReader: [
          { userId: 'u1', value: 0.61 },
          { userId: 'u2', value: 0.61 },
        ],
      },
    ],
    error: null,
    format: null,
    dims: null,
    computedAt: '2026-03-02T10:00:00Z',
    worst: 0.7625,
    consensusId: null,
    createdAt: '2026-03-01T00:00:00Z',
    updatedAt: '2026-03-02T10:00:00Z',
    ...overrides,
  };
}

export const TEST_LABELS: readonly PerLabelQuality[] = [
  {
    labelId: 'liver',
    labelName: 'Liver',
    labelType: 'segmentation',
    metric: 'dice',
    higherIsBetter: true,
    mean: 0.84,
    median: 0.86,
    n: 10,
    threshold: 0.8,
    belowThreshold: 2,
  },
  {
    labelId: 'finding',
    labelName: 'Finding',
    labelType: 'classification',
    metric: 'labelAgreement',
    higherIsBetter: true,
    mean: 0.7,
    median: 1,
    n: 10,
    threshold: 0.6,
    belowThreshold: 3,
    fleissKappa: 0.41,
    krippendorffAlpha: { estimate: 0.42, lower: 0.2, upper: 0.61 },
  },
];

export const TEST_ANNOTATORS: readonly AnnotatorQuality[] = [
  {
    userId: 'u1',
    displayName: 'Ana',
    itemsDone: 8,
    itemsAssigned: 10,
    meanAgreement: 0.9,
    perLabel: [],
    medianMinutesPerItem: 2.5,
    throughputPerDay: [
      { date: '2026-03-01', done: 5 },
      { date: '2026-03-03', done: 3 },
    ],
  },
  {
    userId: 'u2',
    displayName: 'Mo',
    itemsDone: 4,
    itemsAssigned: 10,
    meanAgreement: 0.6,
    perLabel: [],
    medianMinutesPerItem: null,
    throughputPerDay: [{ date: '2026-03-02', done: 4 }],
  },
];
