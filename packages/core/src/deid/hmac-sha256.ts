import { type _HMAC, hmac } from '@noble/hashes/hmac.js';
import { type _SHA256, sha256 } from '@noble/hashes/sha2.js';

// Keyed once per key object: the key's inner and outer pads are hashed when the HMAC is created, and
// each message then starts from a clone of that state. Synchronous (@noble/hashes) rather than Web
// Crypto's `subtle.sign`, whose promise per call cost more than the hash itself: de-identifying a
// file takes several of these.
const keyedHmacs = new WeakMap<Uint8Array, _HMAC<_SHA256>>();
const utf8 = new TextEncoder();

/** HMAC-SHA-256 of the UTF-8 bytes of `message` under `key` (RFC 2104), in Node and browsers alike. */
export function hmacSha256(key: Uint8Array, message: string): Uint8Array {
  let keyed = keyedHmacs.get(key);
  if (!keyed) {
    keyed = hmac.create(sha256, key) as _HMAC<_SHA256>;
    keyedHmacs.set(key, keyed);
  }
  return keyed.clone().update(utf8.encode(message)).digest();
}

/** The first `count` bytes as an unsigned big-endian integer. */
export function leadingBytesAsBigInt(bytes: Uint8Array, count: number): bigint {
  let value = 0n;
  for (const byte of bytes.subarray(0, count)) value = (value << 8n) | BigInt(byte);
  return value;
}
