import { describe, expect, it } from 'vitest';
import { consensusProvenanceSchema } from './consensus-provenance.js';

const valid = {
  version: 1,
  method: 'staple',
  parameters: { maxIterations: 100, tolerance: 1e-7, restrictToDisagreement: true },
  inputs: [
    { annotationId: '6f1c2f0e-2a4b-4c1e-9f3e-0a1b2c3d4e5f', revision: 3, readerId: 'reader-a' },
    { annotationId: '7a2d3e1f-3b5c-4d2f-8e4f-1b2c3d4e5f60', revision: 1, readerId: 'reader-b' },
  ],
  createdAt: '2026-11-28T00:30:00.000Z',
  coreVersion: '0.1.0',
};

describe('consensusProvenanceSchema', () => {
  it('accepts a complete record, with or without the core version', () => {
    expect(consensusProvenanceSchema.parse(valid)).toEqual(valid);
    const { coreVersion: _, ...withoutCore } = valid;
    expect(consensusProvenanceSchema.safeParse(withoutCore).success).toBe(true);
    expect(
      consensusProvenanceSchema.safeParse({ ...valid, createdAt: '2026-11-28T01:30:00+01:00' }).success,
    ).toBe(true);
  });

  it.each([
    ['an unknown method', { method: 'average' }],
    ['no inputs', { inputs: [] }],
    ['revision 0', { inputs: [{ annotationId: 'a', revision: 0, readerId: 'r' }] }],
    ['a date that is not ISO 8601', { createdAt: '28/11/2026' }],
    ['an unknown schema version', { version: 2 }],
    ['an unknown field', { note: 'x' }],
  ])('rejects %s', (_, change) => {
    expect(consensusProvenanceSchema.safeParse({ ...valid, ...change }).success).toBe(false);
  });
});
