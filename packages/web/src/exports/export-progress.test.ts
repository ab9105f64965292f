import { describe, expect, it } from 'vitest';
import { formatBytes, progressShare } from './export-progress.js';

describe('export progress', () => {
  it('is a share from 0 to 1, unknown until there is a total', () => {
    expect(progressShare({ done: 0, total: null })).toBeNull();
    expect(progressShare({ done: 0, total: 0 })).toBeNull();
    expect(progressShare({ done: 3, total: 12 })).toBe(0.25);
    expect(progressShare({ done: 13, total: 12 })).toBe(1);
  });

  it('writes sizes for people', () => {
    expect(formatBytes(812)).toBe('812 bytes');
    expect(formatBytes(1536)).toBe('1.50 KB');
    expect(formatBytes(5 * 1024 * 1024 * 1024)).toBe('5.00 GB');
  });
});
