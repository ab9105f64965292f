import { describe, expect, it } from 'vitest';
import { deidKeyFileName } from './key-file-name.js';

describe('deidKeyFileName', () => {
  it('names the file after the project, safe for a shell', () => {
    expect(deidKeyFileName('Liver study')).toBe('Liver-study-deid.key');
    expect(deidKeyFileName('Études/CT: têtes')).toBe('Etudes-CT-tetes-deid.key');
    expect(deidKeyFileName('head-ct_v2.1')).toBe('head-ct_v2.1-deid.key');
  });

  it('falls back to "project" when nothing of the name is left', () => {
    expect(deidKeyFileName('日本語')).toBe('project-deid.key');
    expect(deidKeyFileName('')).toBe('project-deid.key');
  });
});
