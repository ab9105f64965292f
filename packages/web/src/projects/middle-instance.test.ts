import { describe, expect, it } from 'vitest';
import { middleInstance } from './middle-instance.js';

const instance = (sop: string, number?: number) => ({
  '00080018': { Value: [sop] },
  ...(number === undefined ? {} : { '00200013': { Value: [number] } }),
});

describe('middleInstance', () => {
  it('picks the middle instance by Instance Number, whatever the order QIDO answered in', () => {
    expect(
      middleInstance([
        instance('c', 3),
        instance('a', 1),
        instance('e', 5),
        instance('b', 2),
        instance('d', 4),
      ]),
    ).toBe('c');
    expect(middleInstance([instance('b', 2), instance('a', 1)])).toBe('a');
  });

  it('takes the only instance, and nothing from an empty series', () => {
    expect(middleInstance([instance('x')])).toBe('x');
    expect(middleInstance([])).toBeUndefined();
  });
});
