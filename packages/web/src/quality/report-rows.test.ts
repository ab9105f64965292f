import { describe, expect, it } from 'vitest';
import type { AnnotatorQuality } from './quality-api.js';
import {
  agreementOverTime,
  passRate,
  sortAnnotators,
  sortByNullable,
  summaryCounts,
  throughputDays,
  throughputSeries,
} from './report-rows.js';

function annotator(overrides: Partial<AnnotatorQuality> & { userId: string }): AnnotatorQuality {
  return {
    displayName: overrides.userId,
    itemsDone: 0,
    itemsAssigned: 0,
    meanAgreement: null,
    perLabel: [],
    medianMinutesPerItem: null,
    throughputPerDay: [],
    ...overrides,
  };
}

describe('passRate', () => {
  it('is the share of measured items at or over the threshold', () => {
    // 12 measured, 3 below: 9/12 pass.
    expect(passRate({ n: 12, belowThreshold: 3 })).toBe(0.75);
    expect(passRate({ n: 4, belowThreshold: 0 })).toBe(1);
  });

  it('is unknown when nothing was measured', () => {
    expect(passRate({ n: 0, belowThreshold: 0 })).toBeNull();
  });
});

describe('summaryCounts', () => {
  it('lists every status count in workflow order', () => {
    const counts = summaryCounts({
      items: 10,
      reading: 3,
      computing: 1,
      agreed: 2,
      disputed: 2,
      resolved: 1,
      sentBack: 1,
    });
    expect(counts.map((c) => c.name)).toEqual([
      'Items',
      'Reading',
      'Computing',
      'Agreed',
      'Disputed',
      'Resolved',
      'Sent back',
    ]);
    expect(counts.map((c) => c.count)).toEqual([10, 3, 1, 2, 2, 1, 1]);
  });
});

describe('sortByNullable', () => {
  const rows = [
    { id: 'a', v: 0.5 },
    { id: 'b', v: null },
    { id: 'c', v: 0.9 },
    { id: 'd', v: 0.5 },
  ];

  it('sorts either way with missing values last and ties in their first order', () => {
    expect(sortByNullable(rows, (r) => r.v, 'ascending').map((r) => r.id)).toEqual(['a', 'd', 'c', 'b']);
    expect(sortByNullable(rows, (r) => r.v, 'descending').map((r) => r.id)).toEqual(['c', 'a', 'd', 'b']);
  });

  it('does not change its input', () => {
    sortByNullable(rows, (r) => r.v, 'descending');
    expect(rows.map((r) => r.id)).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('sortAnnotators', () => {
  const team = [
    annotator({
      userId: 'u1',
      displayName: 'Zoë',
      itemsDone: 4,
      meanAgreement: 0.7,
      medianMinutesPerItem: 3,
    }),
    annotator({ userId: 'u2', displayName: 'Ana', itemsDone: 9, meanAgreement: null }),
    annotator({
      userId: 'u3',
      displayName: 'Mo',
      itemsDone: 1,
      meanAgreement: 0.9,
      medianMinutesPerItem: 1.5,
    }),
  ];

  it('sorts by name, count, agreement or time', () => {
    expect(sortAnnotators(team, 'name', 'ascending').map((a) => a.displayName)).toEqual(['Ana', 'Mo', 'Zoë']);
    expect(sortAnnotators(team, 'done', 'descending').map((a) => a.userId)).toEqual(['u2', 'u1', 'u3']);
    expect(sortAnnotators(team, 'agreement', 'ascending').map((a) => a.userId)).toEqual(['u1', 'u3', 'u2']);
    expect(sortAnnotators(team, 'minutes', 'ascending').map((a) => a.userId)).toEqual(['u3', 'u1', 'u2']);
  });
});

describe('throughput', () => {
  const team = [
    annotator({
      userId: 'u1',
      throughputPerDay: [
        { date: '2026-03-01', done: 2 },
        { date: '2026-03-04', done: 1 },
      ],
    }),
    annotator({ userId: 'u2', throughputPerDay: [{ date: '2026-03-02', done: 5 }] }),
    annotator({ userId: 'u3' }),
  ];

  it('spans every day from the first to the last finish of anyone', () => {
    expect(throughputDays(team)).toEqual(['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04']);
    expect(throughputDays([annotator({ userId: 'x' })])).toEqual([]);
  });

  it("fills each annotator's missing days with 0", () => {
    const days = throughputDays(team);
    expect(throughputSeries(team[0]!, days)).toEqual([2, 0, 0, 1]);
    expect(throughputSeries(team[1]!, days)).toEqual([0, 5, 0, 0]);
    expect(throughputSeries(team[2]!, days)).toEqual([0, 0, 0, 0]);
  });
});

describe('agreementOverTime', () => {
  it('orders the days and leaves gaps where nothing was computed', () => {
    expect(
      agreementOverTime([
        { date: '2026-03-03', items: 2, meanAgreement: 0.8 },
        { date: '2026-03-01', items: 1, meanAgreement: 0.6 },
        { date: '2026-03-04', items: 1, meanAgreement: null },
      ]),
    ).toEqual([
      { date: '2026-03-01', value: 0.6, items: 1 },
      { date: '2026-03-02', value: null, items: 0 },
      { date: '2026-03-03', value: 0.8, items: 2 },
      { date: '2026-03-04', value: null, items: 1 },
    ]);
    expect(agreementOverTime([])).toEqual([]);
  });
});
