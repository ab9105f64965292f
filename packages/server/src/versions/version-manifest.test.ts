import { describe, expect, it } from 'vitest';
import { canonicalJson } from './version-manifest.js';

describe('canonicalJson', () => {
  it('sorts keys at every level, keeps array order, drops undefined, adds no spaces', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' }, u: undefined })).toBe(
      '{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('gives equal text for equal content whatever the key order', () => {
    expect(canonicalJson({ x: 1, y: [1, 2] })).toBe(canonicalJson({ y: [1, 2], x: 1 }));
    expect(canonicalJson('é"\n')).toBe(JSON.stringify('é"\n'));
  });
});
