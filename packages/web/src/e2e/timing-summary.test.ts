import { describe, expect, it } from 'vitest';
import { gaps, latencies, percentile, summary, within } from './timing-summary.js';

describe('timing summary', () => {
  it('takes the nearest-rank percentile, whatever the order', () => {
    const values = [50, 10, 40, 20, 30, 60, 70, 80, 90, 100];
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(100);
    expect(percentile(values, 0)).toBe(10);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });

  it('measures gaps between consecutive times and keeps the times in a window', () => {
    expect(gaps([0, 16.5, 33, 100])).toEqual([16.5, 16.5, 67]);
    expect(gaps([5])).toEqual([]);
    expect(within([1, 2, 3, 4, 5], 2, 4)).toEqual([2, 3, 4]);
  });

  it('times each input to the next event, skipping inputs no event followed', () => {
    expect(latencies([10, 20, 30, 90], [12, 25, 26, 40], 0, 100)).toEqual([2, 5, 10]);
    expect(latencies([10, 20], [12, 25], 15, 100)).toEqual([5]);
    expect(summary([3, 1, 2])).toEqual({ count: 3, p50Ms: 2, p95Ms: 3 });
    expect(summary([])).toEqual({ count: 0, p50Ms: null, p95Ms: null });
  });
});
