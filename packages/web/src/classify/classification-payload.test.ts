import { ANNOTATION_LIMITS, AnnotationPayloadError, parseAnnotationPayload } from '@voxelhub/core/annotation';
import { describe, expect, it } from 'vitest';
import { classificationPayload, withValue } from './classification-payload.js';
import type { ClassificationValue } from './classification-question.js';

const frame7 = { imageId: 'cine-1', frameIndex: 7 };
const single = { kind: 'single', choice: 'good' } as const;

describe('classification payloads', () => {
  it('ties an image-level answer to the frame shown', () => {
    expect(classificationPayload({ labelId: 'q', level: 'image', value: single, imageRef: frame7 })).toEqual({
      schemaVersion: 1,
      type: 'classification',
      labelId: 'q',
      imageRef: { imageId: 'cine-1', frameIndex: 7 },
      data: { level: 'image', value: single },
    });
  });

  it.each(['series', 'study'] as const)('names only the image for a %s-level answer', (level) => {
    const payload = classificationPayload({ labelId: 'q', level, value: single, imageRef: frame7 });
    expect(payload.imageRef).toEqual({ imageId: 'cine-1' });
    expect(payload.data.level).toBe(level);
  });

  it('builds payloads the schema loads back unchanged', () => {
    const value: ClassificationValue = { kind: 'multiple', choices: ['a', 'b'] };
    const payload = classificationPayload({ labelId: 'q', level: 'series', value, imageRef: frame7 });
    expect(parseAnnotationPayload(JSON.stringify(payload))).toEqual(payload);
  });

  it('refuses an answer the schema refuses, saying where', () => {
    const text = 'x'.repeat(ANNOTATION_LIMITS.maxTextLength + 1);
    const build = () =>
      classificationPayload({
        labelId: 'q',
        level: 'study',
        value: { kind: 'text', text },
        imageRef: frame7,
      });
    expect(build).toThrow(AnnotationPayloadError);
  });

  it('changes the value and keeps the label, level and image of the answer', () => {
    const saved = classificationPayload({ labelId: 'q', level: 'image', value: single, imageRef: frame7 });
    const changed = withValue(saved, { kind: 'single', choice: 'poor' });
    expect(changed).toEqual({
      ...saved,
      data: { level: 'image', value: { kind: 'single', choice: 'poor' } },
    });
  });
});
