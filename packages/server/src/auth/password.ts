import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

/** scrypt cost parameters: N (CPU/memory cost, a power of two), r (block size), p (parallelism). */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/**
 * 2^15 × 8 uses 32 MiB and about 0.1 s per hash: OWASP's minimum (2^17 for interactive logins is 128 MiB
 * per concurrent login, too much for the small servers Voxelhub targets). Raise it here; needsRehash()
 * lets the login route upgrade stored hashes.
 */
export const DEFAULT_SCRYPT_PARAMS: Readonly<ScryptParams> = Object.freeze({ N: 2 ** 15, r: 8, p: 1 });

const SALT_BYTES = 16;
const HASH_BYTES = 32;
/** Bounds for parameters read from a stored string, so that a tampered hash cannot exhaust memory or CPU. */
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;
const MAX_MEMORY = 256 * 1024 * 1024;
const B64 = /^[A-Za-z0-9+/]+={0,2}$/;
const DECIMAL = /^[1-9]\d{0,9}$/;

interface Decoded {
  params: ScryptParams;
  salt: Buffer;
  hash: Buffer;
}

/** Hashes a password with a fresh random salt into `scrypt$N$r$p$<salt base64>$<hash base64>`. */
export async function hashPassword(
  password: string,
  params: ScryptParams = DEFAULT_SCRYPT_PARAMS,
): Promise<string> {
  if (!paramsAreSafe(params)) throw new RangeError(`unsafe scrypt parameters ${JSON.stringify(params)}`);
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, params, HASH_BYTES);
  const { N, r, p } = params;
  return ['scrypt', N, r, p, salt.toString('base64'), hash.toString('base64')].join('$');
}

/**
 * True if `password` matches `encoded`, using the parameters stored in it. Malformed or tampered strings
 * give false, never an exception: a damaged row must look like a wrong password, not a server error.
 */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const decoded = decode(encoded);
  if (decoded === undefined) return false;
  const candidate = await derive(password, decoded.salt, decoded.params, decoded.hash.length);
  return timingSafeEqual(candidate, decoded.hash);
}

/** True if `encoded` was made with other parameters than `params` (or is unreadable) and should be redone. */
export function needsRehash(encoded: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): boolean {
  const decoded = decode(encoded);
  if (decoded === undefined) return true;
  const { N, r, p } = decoded.params;
  return N !== params.N || r !== params.r || p !== params.p || decoded.hash.length !== HASH_BYTES;
}

/** The parameters stored in an encoded hash, or undefined if it is not one this module accepts. */
export function readScryptParams(encoded: string): ScryptParams | undefined {
  return decode(encoded)?.params;
}

/** A random URL-safe password (A–Z a–z 0–9 - _), 6 bits per character: 20 characters carry 120 bits. */
export function generatePassword(length = 20): string {
  if (!Number.isInteger(length) || length < 12)
    throw new RangeError('generated passwords have at least 12 characters');
  return randomBytes(Math.ceil((length * 6) / 8))
    .toString('base64url')
    .slice(0, length);
}

function decode(encoded: string): Decoded | undefined {
  if (typeof encoded !== 'string') return undefined;
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  if (![n, r, p].every((s) => DECIMAL.test(s))) return undefined;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  const saltBytes = strictBase64(salt);
  const hashBytes = strictBase64(hash);
  if (!paramsAreSafe(params) || saltBytes === undefined || hashBytes === undefined) return undefined;
  if (saltBytes.length < 16 || saltBytes.length > 64 || hashBytes.length < 16 || hashBytes.length > 64) {
    return undefined;
  }
  return { params, salt: saltBytes, hash: hashBytes };
}

/** Node's decoder skips characters it does not know; a stored hash must round-trip exactly instead. */
function strictBase64(text: string): Buffer | undefined {
  if (!B64.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}

function paramsAreSafe({ N, r, p }: ScryptParams): boolean {
  const powerOfTwo = Number.isInteger(N) && N >= 2 && N <= MAX_N && (N & (N - 1)) === 0;
  const inRange = Number.isInteger(r) && r >= 1 && r <= MAX_R && Number.isInteger(p) && p >= 1 && p <= MAX_P;
  return powerOfTwo && inRange && 128 * N * r <= MAX_MEMORY;
}

function derive(password: string, salt: Buffer, params: ScryptParams, length: number): Promise<Buffer> {
  // NFKC: the same password typed on another keyboard or OS (composed vs decomposed accents) must match.
  const normalized = password.normalize('NFKC');
  const options: ScryptOptions = { ...params, maxmem: 2 * 128 * params.N * params.r };
  return new Promise((resolve, reject) => {
    scrypt(normalized, salt, length, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}
