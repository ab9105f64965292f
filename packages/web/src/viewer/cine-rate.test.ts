import { describe, expect, it } from 'vitest';
import { clampFrameRate, DEFAULT_FRAME_RATE, loopSeconds, recordedFrameRate } from './cine-rate.js';

describe('cine frame rate', () => {
  it('prefers the recommended display rate, then the cine rate, then the frame time', () => {
    expect(
      recordedFrameRate({ '00082144': { vr: 'IS', Value: [30] }, '00180040': { vr: 'IS', Value: [10] } }),
    ).toBe(30);
    expect(
      recordedFrameRate({ '00180040': { vr: 'IS', Value: ['12'] }, '00181063': { vr: 'DS', Value: [40] } }),
    ).toBe(12);
    expect(recordedFrameRate({ '00181063': { vr: 'DS', Value: ['40'] } })).toBe(25);
    expect(recordedFrameRate({ '00181063': { vr: 'DS', Value: [33.3] } })).toBe(30);
  });

  it('falls back to the default without timing, or with nonsense', () => {
    expect(recordedFrameRate({})).toBe(DEFAULT_FRAME_RATE);
    expect(recordedFrameRate({ '00181063': { vr: 'DS', Value: [0] } })).toBe(DEFAULT_FRAME_RATE);
  });

  it('keeps rates between 1 and 60 whole frames per second', () => {
    expect(clampFrameRate(0.2)).toBe(1);
    expect(clampFrameRate(500)).toBe(60);
    expect(clampFrameRate(24.6)).toBe(25);
    expect(clampFrameRate(Number.NaN)).toBe(DEFAULT_FRAME_RATE);
  });

  it('gives the loop length', () => {
    expect(loopSeconds(24, 25)).toBeCloseTo(0.96);
    expect(loopSeconds(60, 1000)).toBe(1);
  });
});
