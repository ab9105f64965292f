/**
 * HMAC-SHA-256 through Web Crypto, which Node 20 and every browser provide as `globalThis.crypto.subtle`;
 * no dependency of core offers a synchronous one, hence the async API.
 */
export async function hmacSha256(key: Uint8Array, message: string): Promise<Uint8Array> {
  const cryptoKey = await importedKey(key);
  return new Uint8Array(
    await globalThis.crypto.subtle.sign('HMAC', cryptoKey, new TextEncoder().encode(message)),
  );
}

// Importing a key costs more than a signature; a project key is imported once per key object.
type HmacKey = Awaited<ReturnType<typeof globalThis.crypto.subtle.importKey>>;
const importedKeys = new WeakMap<Uint8Array, Promise<HmacKey>>();

function importedKey(key: Uint8Array): Promise<HmacKey> {
  let imported = importedKeys.get(key);
  if (!imported) {
    imported = globalThis.crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
    ]);
    importedKeys.set(key, imported);
  }
  return imported;
}

/** The first `count` bytes as an unsigned big-endian integer. */
export function leadingBytesAsBigInt(bytes: Uint8Array, count: number): bigint {
  let value = 0n;
  for (const byte of bytes.subarray(0, count)) value = (value << 8n) | BigInt(byte);
  return value;
}
