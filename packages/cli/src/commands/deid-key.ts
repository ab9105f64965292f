import { createHmac, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';

/** The key a de-identification run derives UIDs, date shifts and output names from, and where it came from. */
export interface DeidKey {
  readonly bytes: Uint8Array;
  /** 'file': --key-file; 'new-file': written by --new-key-file; 'random': made for this run and forgotten. */
  readonly source: 'file' | 'new-file' | 'random';
  /** Without a kept key another run maps the same UIDs elsewhere, so outputs cannot be joined. */
  readonly reproducible: boolean;
  /** A keyed hash of a constant: tells two reports apart by key without revealing it. */
  readonly fingerprint: string;
}

/** A problem with a key file that the user must fix; reported as a usage error. */
export class KeyFileError extends Error {}

const KEY_BYTES = 32;

function withFingerprint(bytes: Uint8Array, source: DeidKey['source']): DeidKey {
  const fingerprint = createHmac('sha256', bytes)
    .update('voxelhub-key-fingerprint')
    .digest('hex')
    .slice(0, 16);
  return { bytes, source, reproducible: source !== 'random', fingerprint };
}

/** Reads a project key: 64 hex digits (32 bytes), as --new-key-file writes it; whitespace around is ignored. */
export async function readKeyFile(path: string): Promise<DeidKey> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new KeyFileError(
      missing
        ? `key file ${path} does not exist (create one with --new-key-file ${path})`
        : `cannot read key file ${path}: ${(error as Error).message}`,
    );
  }
  const hex = text.trim();
  if (!/^[0-9a-fA-F]{64}$/.test(hex))
    throw new KeyFileError(
      `key file ${path} must hold 64 hex digits (a 32-byte key), as --new-key-file writes`,
    );
  return withFingerprint(Buffer.from(hex, 'hex'), 'file');
}

/** Writes a fresh random key to `path` (hex, readable by its owner only); refuses to overwrite a file. */
export async function createKeyFile(path: string): Promise<DeidKey> {
  const bytes = randomBytes(KEY_BYTES);
  try {
    // 'wx': an existing key is never replaced, since outputs made with it could no longer be joined.
    await writeFile(path, `${bytes.toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    const exists = (error as NodeJS.ErrnoException).code === 'EEXIST';
    throw new KeyFileError(
      exists
        ? `key file ${path} already exists (use --key-file ${path} to use it)`
        : `cannot write key file ${path}: ${(error as Error).message}`,
    );
  }
  return withFingerprint(new Uint8Array(bytes), 'new-file');
}

/** A key for this run only. */
export function randomKey(): DeidKey {
  return withFingerprint(new Uint8Array(randomBytes(KEY_BYTES)), 'random');
}
