import { describe, expect, it } from 'vitest';
import { assignReaders } from './assign-readers.js';

const readers = ['a', 'b', 'c', 'd'];

function counts(assignment: string[][]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of assignment) for (const reader of item) out[reader] = (out[reader] ?? 0) + 1;
  return out;
}

describe('assignReaders', () => {
  it('round-robin deals distinct readers in turn and carries on across batches', () => {
    const first = assignReaders({ readers, items: 2, readersPerItem: 3, strategy: 'round-robin' });
    expect(first).toEqual([
      ['a', 'b', 'c'],
      ['d', 'a', 'b'],
    ]);
    const second = assignReaders({
      readers,
      items: 1,
      readersPerItem: 3,
      strategy: 'round-robin',
      handedOut: 6,
    });
    expect(second).toEqual([['c', 'd', 'a']]);
  });

  it('round-robin balances the load to within one item', () => {
    const all = assignReaders({ readers, items: 10, readersPerItem: 3, strategy: 'round-robin' });
    for (const item of all) expect(new Set(item).size).toBe(3);
    const n = Object.values(counts(all));
    expect(Math.max(...n) - Math.min(...n)).toBeLessThanOrEqual(1);
  });

  it('least-loaded fills the emptiest queues first, ties to the earlier reader', () => {
    const openTasks = new Map([
      ['a', 5],
      ['b', 0],
      ['c', 1],
      ['d', 0],
    ]);
    const out = assignReaders({ readers, items: 3, readersPerItem: 2, strategy: 'least-loaded', openTasks });
    expect(out).toEqual([
      ['b', 'd'],
      ['b', 'c'],
      ['d', 'b'],
    ]);
  });

  it('refuses when there are fewer readers than each item needs', () => {
    expect(() =>
      assignReaders({ readers: ['a', 'b'], items: 1, readersPerItem: 3, strategy: 'round-robin' }),
    ).toThrow(/needs 3 different readers, but the project has 2 annotators/);
  });
});
