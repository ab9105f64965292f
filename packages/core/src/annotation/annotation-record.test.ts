import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type AnnotationMigration, defineAnnotationRecord } from './annotation-record.js';

const step = (fromVersion: number): AnnotationMigration => ({
  fromVersion,
  description: 'test step',
  up: (payload) => ({ payload: { ...payload, schemaVersion: fromVersion + 1 } }),
});

describe('defineAnnotationRecord', () => {
  it('builds the envelope schema around the data schema', () => {
    const record = defineAnnotationRecord({
      type: 'dot',
      version: 1,
      imageRef: 'any',
      data: z.strictObject({}),
    });
    const p = { schemaVersion: 1, type: 'dot', imageRef: { imageId: 'a' }, labelId: 'l', data: {} };
    expect(record.payload.parse(p)).toEqual(p);
    expect(record.payload.safeParse({ ...p, type: 'other' }).success).toBe(false);
    expect(record.payload.safeParse({ ...p, schemaVersion: 2 }).success).toBe(false);
  });

  it('insists on one numbered migration per earlier version (a broken invariant, so it throws)', () => {
    const data = z.strictObject({});
    expect(() =>
      defineAnnotationRecord({ type: 'dot', version: 3, imageRef: 'any', data, migrations: [step(1)] }),
    ).toThrow('needs 2 migrations');
    expect(() =>
      defineAnnotationRecord({
        type: 'dot',
        version: 3,
        imageRef: 'any',
        data,
        migrations: [step(2), step(1)],
      }),
    ).toThrow('must start at version 1');
    expect(
      defineAnnotationRecord({
        type: 'dot',
        version: 3,
        imageRef: 'any',
        data,
        migrations: [step(1), step(2)],
      }).migrations,
    ).toHaveLength(2);
  });
});
