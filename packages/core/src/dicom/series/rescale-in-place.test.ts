import { describe, expect, it } from 'vitest';
import { rescaleInPlace } from './rescale-in-place.js';

describe('rescaleInPlace', () => {
  it('shifts by an integer intercept in place', () => {
    const v = Int16Array.of(0, 1000, 2000, 3000);
    const out = rescaleInPlace(v, 1, 3, 1, -1024);
    expect(out).toBe(v);
    expect([...out]).toEqual([0, -24, 976, 3000]);
  });

  it('widens to int32 when a value leaves int16, keeping what was already rescaled', () => {
    const v = Int16Array.of(100, -32000, 0, 5);
    const first = rescaleInPlace(v, 0, 1, 1, -1024); // slot 0 rescaled: -924
    const out = rescaleInPlace(first, 1, 4, 1, -1024); // -32000 - 1024 = -33024 does not fit
    expect(out).toBeInstanceOf(Int32Array);
    expect([...out]).toEqual([-924, -33024, -1024, -1019]);
  });

  it('widens an unsigned array when the intercept makes values negative', () => {
    // int32, not int16: the other slots of the array may hold any uint16 value.
    const out = rescaleInPlace(Uint16Array.of(10, 5000), 0, 2, 1, -1024);
    expect(out).toBeInstanceOf(Int32Array);
    expect([...out]).toEqual([-1014, 3976]);
  });

  it('scales floats by any slope', () => {
    const out = rescaleInPlace(Float32Array.of(1, 2), 0, 2, 0.5, 0.25);
    expect([...out]).toEqual([0.75, 1.25]);
  });

  it('turns an integer array into float32 when the slope is fractional', () => {
    const out = rescaleInPlace(Int16Array.of(3, 4), 0, 2, 0.5, 0);
    expect(out).toBeInstanceOf(Float32Array);
    expect([...out]).toEqual([1.5, 2]);
  });
});
