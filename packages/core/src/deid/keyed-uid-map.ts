import { hmacSha256, leadingBytesAsBigInt } from './hmac-sha256.js';

/**
 * Replaces UIDs by `2.25.<decimal>` where the number is the first 128 bits of HMAC-SHA-256(project key,
 * UID): the same UID always maps to the same replacement for holders of the key, so references between
 * objects stay intact, and without the key the original cannot be recovered or confirmed.
 */
export class KeyedUidMap {
  private readonly cache = new Map<string, string>();
  // A series repeats its study, series and frame of reference UIDs in every file; the bound keeps a
  // long-lived map (one per project key, see forKey) from growing with every SOP Instance UID.
  private static readonly CACHE_LIMIT = 1 << 14;

  constructor(private readonly key: Uint8Array) {}

  private static readonly byKey = new WeakMap<Uint8Array, KeyedUidMap>();

  /** One map per key object, shared by every file de-identified with it. */
  static forKey(key: Uint8Array): KeyedUidMap {
    let map = KeyedUidMap.byKey.get(key);
    if (!map) {
      map = new KeyedUidMap(key);
      KeyedUidMap.byKey.set(key, map);
    }
    return map;
  }

  replace(uid: string): string {
    const trimmed = uid.replace(/[\0 ]+$/, '');
    let replaced = this.cache.get(trimmed);
    if (replaced === undefined) {
      replaced = `2.25.${leadingBytesAsBigInt(hmacSha256(this.key, `uid:${trimmed}`), 16)}`;
      if (this.cache.size >= KeyedUidMap.CACHE_LIMIT) this.cache.clear();
      this.cache.set(trimmed, replaced);
    }
    return replaced;
  }
}
