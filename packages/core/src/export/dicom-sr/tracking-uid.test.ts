import { describe, expect, it } from 'vitest';
import { trackingUidOf, uuidOfTrackingUid } from './tracking-uid.js';

describe('trackingUidOf / uuidOfTrackingUid', () => {
  it('maps a UUID to its 2.25 UID and back (ITU-T X.667 example: 2.25.329800735698586629295641978511506172918)', () => {
    // The worked example of PS3.5 B.2 / X.667 6.3.
    const uuid = 'f81d4fae-7dec-11d0-a765-00a0c91e6bf6';
    expect(trackingUidOf(uuid)).toBe('2.25.329800735698586629295641978511506172918');
    expect(uuidOfTrackingUid('2.25.329800735698586629295641978511506172918')).toBe(uuid);
  });

  it('makes a new UID for an id that is not a UUID, and reads no UUID out of other UIDs', () => {
    expect(trackingUidOf('annotation-7')).toMatch(/^2\.25\.\d+$/);
    expect(uuidOfTrackingUid('1.2.840.10008.1.2')).toBeUndefined();
    expect(uuidOfTrackingUid(`2.25.${(1n << 128n).toString()}`)).toBeUndefined();
  });
});
