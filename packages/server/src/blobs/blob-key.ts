import { z } from 'zod';
import { BlobError } from './blob-error.js';

const KEY_PATTERN = /^[0-9a-f]{64}$/;

/** A blob key: the lowercase hex SHA-256 of the content. The only user input that reaches blob paths. */
export const blobKeySchema = z
  .string()
  .regex(KEY_PATTERN, { error: 'must be 64 lowercase hexadecimal characters' });

export function isBlobKey(value: unknown): value is string {
  return typeof value === 'string' && KEY_PATTERN.test(value);
}

/** Throws INVALID_KEY unless `value` is a well-formed key; the message quotes at most a short prefix of it. */
export function assertBlobKey(value: unknown): asserts value is string {
  if (isBlobKey(value)) return;
  const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 80)) : typeof value;
  throw new BlobError(
    'INVALID_KEY',
    `invalid blob key ${shown}: expected 64 lowercase hexadecimal characters`,
  );
}
