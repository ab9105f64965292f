import { hmacSha256, leadingBytesAsBigInt } from './hmac-sha256.js';

/**
 * Replaces UIDs by `2.25.<decimal>` where the number is the first 128 bits of HMAC-SHA-256(project key,
 * UID): the same UID always maps to the same replacement for holders of the key, so references between
 * objects stay intact, and without the key the original cannot be recovered or confirmed.
 */
export class KeyedUidMap {
  private readonly cache = new Map<string, Promise<string>>();

  constructor(private readonly key: Uint8Array) {}

  replace(uid: string): Promise<string> {
    const trimmed = uid.replace(/[\0 ]+$/, '');
    let replaced = this.cache.get(trimmed);
    if (!replaced) {
      replaced = hmacSha256(this.key, `uid:${trimmed}`).then(
        (mac) => `2.25.${leadingBytesAsBigInt(mac, 16)}`,
      );
      this.cache.set(trimmed, replaced);
    }
    return replaced;
  }
}
