import { describe, expect, it } from 'vitest';
import { agreementRows, consensusRows, formatDetails, methodName } from './agreement-rows.js';
import type { ConsensusSet, LabelAgreement, Reader } from './quality-api.js';

const readers: Reader[] = [
  { userId: 'u1', displayName: 'Ana', taskId: 't1', taskStatus: 'done' },
  { userId: 'u2', displayName: 'Mo', taskId: 't2', taskStatus: 'done' },
];

const liver: LabelAgreement = {
  labelId: 'liver',
  labelName: 'Liver',
  labelType: 'segmentation',
  metric: 'dice',
  higherIsBetter: true,
  value: 0.712,
  threshold: 0.8,
  passed: false,
  pairs: [{ a: 'u1', b: 'u2', value: 0.712, details: { hd95: 4.25, iou: 0.553 } }],
  perReader: [
    { userId: 'u1', value: 0.712 },
    { userId: 'gone-user-id', value: null },
  ],
};

describe('formatDetails', () => {
  it('puts distances in mm and overlaps as fractions', () => {
    expect(formatDetails({ hd95: 4.25, assd: 1.04, iou: 0.553, other: null })).toBe(
      'HD95 4.3 mm · ASSD 1.0 mm · IoU 0.55 · other —',
    );
    // The server's mask pairs (measure-masks.ts): hd in mm; NSD and the relative volume difference as fractions.
    expect(formatDetails({ hd: 9.04, nsd: 0.875, volumeDiff: -0.125 })).toBe(
      'HD 9.0 mm · NSD 0.88 · Volume diff -0.13',
    );
    // Boxes (measure-boxes.ts) and landmarks (measure-landmarks.ts) count things: whole numbers.
    expect(formatDetails({ matched: 1, unmatched: 2, meanIou: null })).toBe(
      'Matched 1 · Unmatched 2 · Mean IoU —',
    );
    expect(formatDetails({ shared: 1, onlyOne: 0 })).toBe('Shared 1 · Placed by one 0');
    expect(formatDetails(undefined)).toBe('');
  });
});

describe('agreementRows', () => {
  it("carries the label's schema colour, and drops one that is not #rrggbb (it goes into a style)", () => {
    expect(agreementRows([{ ...liver, labelColour: '#3366aa' }], readers)[0]!.colour).toBe('#3366aa');
    expect(agreementRows([{ ...liver, labelColour: 'red;x' }], readers)[0]!.colour).toBeNull();
  });

  it('shows names instead of user ids, and formats by metric', () => {
    const [row] = agreementRows([liver], readers);
    expect(row).toMatchObject({
      name: 'Liver',
      colour: null,
      metric: 'Dice',
      value: '0.71',
      threshold: '≥ 0.80',
      passed: false,
    });
    expect(row!.pairs).toEqual([
      { key: 'u1|u2', readers: 'Ana – Mo', value: '0.71', details: 'HD95 4.3 mm · IoU 0.55' },
    ]);
    expect(row!.perReader).toEqual([
      { userId: 'u1', name: 'Ana', value: '0.71' },
      { userId: 'gone-user-id', name: 'user gone-use', value: '—' },
    ]);
  });
});

describe('consensusRows', () => {
  it('names the method and lists STAPLE estimates per reader', () => {
    const consensus: ConsensusSet = {
      id: 'c',
      itemId: 'i',
      status: 'proposed',
      method: 'automatic',
      labels: [
        {
          labelId: 'liver',
          method: 'staple',
          parameters: {},
          annotationIds: ['a'],
          readers: [{ userId: 'u2', sensitivity: 0.91234, specificity: 0.99871 }],
        },
        {
          labelId: 'unknown',
          method: 'majority-label',
          parameters: {},
          annotationIds: [],
          needsAdjudication: true,
        },
      ],
      inputs: [],
      createdBy: null,
      createdAt: '2026-03-01T00:00:00Z',
      acceptedBy: null,
      acceptedAt: null,
    };
    expect(consensusRows(consensus, [liver], readers)).toEqual([
      {
        labelId: 'liver',
        name: 'Liver',
        method: 'STAPLE',
        needsAdjudication: false,
        staple: [{ userId: 'u2', name: 'Mo', sensitivity: '0.912', specificity: '0.999' }],
      },
      { labelId: 'unknown', name: 'unknown', method: 'majority label', needsAdjudication: true, staple: [] },
    ]);
    expect(methodName('reviewer-edited')).toBe('edited by a reviewer');
  });
});
