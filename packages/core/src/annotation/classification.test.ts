import { describe, expect, it } from 'vitest';
import { ANNOTATION_LIMITS } from './annotation-limits.js';
import { parseAnnotationPayload } from './parse-annotation-payload.js';
import { failingPaths, payload, WHOLE_IMAGE } from './test-payloads.js';

describe('classification', () => {
  const valid: [string, unknown][] = [
    ['an image-level single choice', { level: 'image', value: { kind: 'single', choice: 'normal' } }],
    ['a series-level multiple choice', { level: 'series', value: { kind: 'multiple', choices: ['a', 'b'] } }],
    ['a study-level empty multiple choice', { level: 'study', value: { kind: 'multiple', choices: [] } }],
    ['free text', { level: 'study', value: { kind: 'text', text: 'motion artefact, repeat' } }],
  ];
  it.each(valid)('loads %s and round-trips through JSON', (_, data) => {
    const p = payload('classification', data, WHOLE_IMAGE);
    expect(parseAnnotationPayload(JSON.stringify(p))).toEqual(p);
  });

  it('applies to a frame as well as a whole image', () => {
    const p = payload('classification', valid[0]![1], { imageId: 'cine', frameIndex: 12 });
    expect(parseAnnotationPayload(p)).toEqual(p);
  });

  const invalid: [string, unknown, string][] = [
    ['an unknown level', { level: 'patient', value: { kind: 'single', choice: 'a' } }, 'data.level'],
    ['an unknown kind', { level: 'image', value: { kind: 'scale', choice: 'a' } }, 'data.value.kind'],
    ['an empty choice', { level: 'image', value: { kind: 'single', choice: '' } }, 'data.value.choice'],
    [
      'repeated choices',
      { level: 'image', value: { kind: 'multiple', choices: ['a', 'a'] } },
      'data.value.choices',
    ],
    [
      'text over the limit',
      { level: 'image', value: { kind: 'text', text: 'x'.repeat(ANNOTATION_LIMITS.maxTextLength + 1) } },
      'data.value.text',
    ],
  ];
  it.each(invalid)('rejects %s', (_, data, path) => {
    expect(failingPaths(payload('classification', data, WHOLE_IMAGE))).toContain(path);
  });
});
