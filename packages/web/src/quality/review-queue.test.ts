import { describe, expect, it } from 'vitest';
import type { LabelAgreement, QualityItem } from './quality-api.js';
import { failingLabels, itemTitle, nextItemId, queueRow, sortWorstFirst } from './review-queue.js';

function label(overrides: Partial<LabelAgreement>): LabelAgreement {
  return {
    labelId: 'liver',
    labelName: 'Liver',
    labelType: 'segmentation',
    metric: 'dice',
    higherIsBetter: true,
    value: 0.9,
    threshold: 0.8,
    passed: true,
    pairs: [],
    perReader: [],
    ...overrides,
  };
}

function item(
  id: string,
  worst: number | null,
  createdAt = '2026-03-01T00:00:00Z',
  agreement: LabelAgreement[] = [],
): QualityItem {
  return {
    id,
    imageId: null,
    seriesId: 's',
    studyUid: '1.2',
    seriesUid: '1.2.3',
    status: 'disputed',
    readers: [
      { userId: 'u1', displayName: 'Ana', taskId: 't1', taskStatus: 'done' },
      { userId: 'u2', displayName: 'Mo', taskId: 't2', taskStatus: 'done' },
    ],
    agreement,
    error: null,
    format: null,
    dims: null,
    computedAt: null,
    worst,
    consensusId: null,
    createdAt,
    updatedAt: createdAt,
  };
}

describe('sortWorstFirst', () => {
  it('puts the lowest score first, unscored items last, ties oldest first', () => {
    const sorted = sortWorstFirst([
      item('a', 0.9),
      item('b', null),
      item('c', 0.4, '2026-03-02T00:00:00Z'),
      item('d', 0.4, '2026-03-01T00:00:00Z'),
    ]);
    expect(sorted.map((i) => i.id)).toEqual(['d', 'c', 'a', 'b']);
  });
});

describe('queueRow', () => {
  it('names the failing labels with value and threshold, and the readers', () => {
    const row = queueRow(
      item('x', 0.5, undefined, [
        label({ passed: true }),
        label({ labelId: 'tumour', labelName: 'Tumour', value: 0.4, passed: false }),
        label({
          labelId: 'carina',
          labelName: 'Carina',
          metric: 'distanceMm',
          higherIsBetter: false,
          value: 10,
          threshold: 5,
          passed: false,
        }),
        label({
          labelId: 'spleen',
          labelName: 'Spleen',
          value: null,
          passed: false,
          note: 'no reader drew this label',
        }),
      ]),
    );
    expect(row.failing).toEqual([
      'Tumour: 0.40 (≥ 0.80)',
      'Carina: 10.0 mm (≤ 5.0 mm)',
      'Spleen: — (≥ 0.80; no reader drew this label)',
    ]);
    expect(row.readers).toBe('Ana, Mo');
    expect(row.worstText).toBe('0.50');
    expect(failingLabels(item('y', null)).length).toBe(0);
  });

  it('titles an item by its series or image', () => {
    expect(itemTitle({ id: 'i', seriesUid: '1.2.840.10008.5.1.4.1', imageId: null })).toBe(
      'Series …0008.5.1.4.1',
    ); // its last 12 characters;
    expect(itemTitle({ id: 'i', seriesUid: null, imageId: 'abcdef123456' })).toBe('Image abcdef12');
  });
});

describe('nextItemId', () => {
  it('skips the item just decided and answers null when nothing is left', () => {
    expect(nextItemId([{ id: 'a' }, { id: 'b' }], 'a')).toBe('b');
    expect(nextItemId([{ id: 'b' }, { id: 'c' }], 'a')).toBe('b');
    expect(nextItemId([{ id: 'a' }], 'a')).toBeNull();
    expect(nextItemId([], 'a')).toBeNull();
  });
});
