/**
 * Every expected way a blob operation can fail, with a stable code the API layer maps to an HTTP status.
 * One list, so that the error page can name them all.
 */
export const BLOB_ERROR_CODES = {
  INVALID_KEY: 'the blob key is not 64 lowercase hexadecimal characters',
  NOT_FOUND: 'no blob with this key is stored',
  TOO_LARGE: 'the upload is larger than the configured maximum',
  INVALID_RANGE: 'the requested byte range is outside the blob',
} as const;

export type BlobErrorCode = keyof typeof BLOB_ERROR_CODES;

/** An expected blob-store failure. I/O errors (disk full, permissions) are not wrapped: they are not expected. */
export class BlobError extends Error {
  override readonly name = 'BlobError';
  readonly code: BlobErrorCode;

  constructor(code: BlobErrorCode, detail: string = BLOB_ERROR_CODES[code], options?: { cause?: unknown }) {
    super(detail, options);
    this.code = code;
  }
}
