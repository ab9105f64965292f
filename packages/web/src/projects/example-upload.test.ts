import { describe, expect, it } from 'vitest';
import { examplesUrl, exampleUploadProblem } from './example-upload.js';

describe('exampleUploadProblem', () => {
  it('takes a PNG or JPEG up to 10 MB while the label has room', () => {
    expect(exampleUploadProblem({ type: 'image/png', size: 1000 }, 0)).toBeNull();
    expect(exampleUploadProblem({ type: 'image/jpeg', size: 10 * 1024 * 1024 }, 11)).toBeNull();
  });

  it('refuses other types, larger files, and a thirteenth example', () => {
    expect(exampleUploadProblem({ type: 'image/gif', size: 10 }, 0)).toBe(
      'an example is a PNG or JPEG image',
    );
    expect(exampleUploadProblem({ type: 'image/png', size: 10 * 1024 * 1024 + 1 }, 0)).toBe(
      'an example is at most 10 MB',
    );
    expect(exampleUploadProblem({ type: 'image/png', size: 10 }, 12)).toMatch(/at most 12 examples/);
  });
});

it('examplesUrl escapes the ids it is given', () => {
  expect(examplesUrl('p 1', 'l/2')).toBe('/api/projects/p%201/labels/l%2F2/examples');
  const example = { id: 'e', caption: '', mediaType: 'image/png' as const, width: 1, height: 1 };
  expect(examplesUrl('p', 'l', example)).toBe('/api/projects/p/labels/l/examples/e');
});
