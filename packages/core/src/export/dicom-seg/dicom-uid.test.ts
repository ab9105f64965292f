import { describe, expect, it } from 'vitest';
import { newDicomUid, uuidToDicomUid } from './dicom-uid.js';

describe('UUID-derived UIDs (PS3.5 B.2)', () => {
  it("gives PS3.5 B.2's worked example", () => {
    // PS3.5 B.2: UUID f81d4fae-7dec-11d0-a765-00a0c91e6bf6 is the UID 2.25.329800735698586629295641978511506172918.
    expect(uuidToDicomUid('f81d4fae-7dec-11d0-a765-00a0c91e6bf6')).toBe(
      '2.25.329800735698586629295641978511506172918',
    );
  });

  it('makes new UIDs of at most 64 characters that differ', () => {
    const a = newDicomUid();
    expect(a).toMatch(/^2\.25\.[1-9]\d*$/);
    expect(a.length).toBeLessThanOrEqual(64);
    expect(newDicomUid()).not.toBe(a);
  });

  it('refuses what is not a UUID', () => {
    expect(() => uuidToDicomUid('not-a-uuid')).toThrow(TypeError);
  });
});
