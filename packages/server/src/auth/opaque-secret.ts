import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes: far beyond guessing, so one fast hash (not scrypt) is enough to store them. */
const SECRET_BYTES = 32;

/** A fresh random secret, URL-safe (base64url, 43 characters), for cookies, API tokens and CSRF tokens. */
export function newSecret(): string {
  return randomBytes(SECRET_BYTES).toString('base64url');
}

/**
 * The form in which a secret is stored and looked up (SHA-256, hex): a leaked database holds no usable
 * session cookie or API token. A salt is not needed because the secrets are random, not chosen by people.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Compares two secrets in time that does not depend on where they first differ. */
export function secretsEqual(a: string, b: string): boolean {
  const left = createHash('sha256').update(a, 'utf8').digest();
  const right = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(left, right);
}
