import type { Readable } from 'node:stream';

/** Content to store: bytes already in memory, or a stream/iterable of chunks that is consumed once. */
export type BlobSource = Uint8Array | AsyncIterable<Uint8Array>;

export interface PutOptions {
  /** Refuse (TOO_LARGE) as soon as more than this many bytes have arrived. Overrides the store's limit. */
  maxBytes?: number;
  /**
   * The SHA-256 the caller has just computed of these very bytes (in-memory sources only), so that they are
   * not hashed twice; the store trusts it. An import hashes a file first to find duplicates before writing.
   */
  knownKey?: string;
}

export interface PutResult {
  /** Lowercase hex SHA-256 of the content. */
  key: string;
  size: number;
  /** False when identical content was already stored (nothing new was written). */
  created: boolean;
}

export interface BlobStat {
  key: string;
  size: number;
  /** When this copy was written. */
  storedAt: Date;
}

/** Inclusive byte range, as in HTTP Range headers. `end` defaults to the last byte. */
export interface ByteRange {
  start: number;
  end?: number;
}

/**
 * Content-addressed storage: a blob's key is the SHA-256 of its bytes, so equal content is stored once and a
 * key always names the same bytes. Keys from users are validated before use (INVALID_KEY). Reference counting
 * (when a blob may be deleted) belongs to the database, not to the store.
 */
export interface BlobStore {
  put(source: BlobSource, options?: PutOptions): Promise<PutResult>;
  /** A stream of the blob's bytes (NOT_FOUND if absent, INVALID_RANGE if the range is outside it). */
  get(key: string, range?: ByteRange): Promise<Readable>;
  /** The whole blob in memory; for small blobs only. */
  getBytes(key: string): Promise<Uint8Array>;
  has(key: string): Promise<boolean>;
  /** True if a blob was removed, false if none was stored. */
  delete(key: string): Promise<boolean>;
  stat(key: string): Promise<BlobStat | undefined>;
  /** Every stored key, in no particular order (for garbage collection and consistency checks). */
  keys(): AsyncIterable<string>;
}
