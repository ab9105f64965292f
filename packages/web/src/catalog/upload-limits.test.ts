import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_FILES, uploadProblem } from './upload-limits.js';

describe('uploadProblem', () => {
  it('lets a folder through up to the server’s file cap', () => {
    expect(uploadProblem({ files: 6, bytes: 1500 })).toBeNull();
    expect(uploadProblem({ files: MAX_IMPORT_FILES, bytes: 0 })).toBeNull();
  });

  it('says why an empty or too large folder cannot be imported in one go', () => {
    expect(uploadProblem({ files: 0, bytes: 0 })).toBe('The folder has no file this layout imports.');
    expect(uploadProblem({ files: 10_001, bytes: 1 })).toMatch(
      /^The folder has 10,001 files to upload; one import takes at most 10,000\./,
    );
  });
});
