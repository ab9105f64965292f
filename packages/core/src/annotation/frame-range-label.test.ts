import { describe, expect, it } from 'vitest';
import { parseAnnotationPayload } from './parse-annotation-payload.js';
import { failingPaths, payload, WHOLE_IMAGE } from './test-payloads.js';

describe('frame range label', () => {
  const valid: [number, number][] = [
    [0, 0],
    [3, 17],
  ];
  it.each(valid)('loads frames %i–%i and round-trips through JSON', (start, end) => {
    const p = payload('frameRange', { start, end }, WHOLE_IMAGE);
    expect(parseAnnotationPayload(JSON.stringify(p))).toEqual(p);
  });

  const invalid: [string, unknown, string][] = [
    ['start after end', { start: 5, end: 4 }, 'data.end'],
    ['a negative start', { start: -1, end: 4 }, 'data.start'],
    ['a fractional frame', { start: 1.5, end: 4 }, 'data.start'],
    ['a missing end', { start: 1 }, 'data.end'],
  ];
  it.each(invalid)('rejects %s', (_, data, path) => {
    expect(failingPaths(payload('frameRange', data, WHOLE_IMAGE))).toContain(path);
  });

  it('labels frames of the whole cine, not one frame', () => {
    expect(
      failingPaths(payload('frameRange', { start: 0, end: 1 }, { imageId: 'cine', frameIndex: 0 })),
    ).toEqual(['imageRef']);
  });
});
