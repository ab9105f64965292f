import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AnnotationPayloadError, formatIssuePath, issuesFromZod } from './annotation-payload-error.js';

describe('AnnotationPayloadError', () => {
  it.each([
    [['data', 'points', 3, 'index', 0], 'data.points[3].index[0]'],
    [['imageRef'], 'imageRef'],
    [[0, 'a'], '[0].a'],
    [[], ''],
  ] as [PropertyKey[], string][])('writes path %j as %s', (path, text) => {
    expect(formatIssuePath(path)).toBe(text);
  });

  it('prefixes zod paths and lists each failing path in the message', () => {
    const result = z.strictObject({ a: z.number(), b: z.array(z.string()) }).safeParse({ a: 'x', b: [1] });
    const issues = issuesFromZod(result.error!, ['data']);
    expect(issues.map((i) => i.path)).toEqual(['data.a', 'data.b[0]']);
    const error = new AnnotationPayloadError('INVALID_PAYLOAD', issues);
    expect(error.code).toBe('INVALID_PAYLOAD');
    expect(error.message).toMatch(/^the payload does not match .*: data\.a: .*; data\.b\[0\]: /);
  });
});
