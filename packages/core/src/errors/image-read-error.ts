/**
 * Every way a user's file can fail to read, with a stable code that scripts and the API can match on.
 * One list, so that docs/errors.md can name them all.
 */
export const READ_ERROR_CODES = {
  NOT_DICOM: 'the file is not DICOM (no DICM prefix and no recognisable dataset)',
  TRUNCATED: 'the file ends before the data it declares',
  MALFORMED: 'the file breaks the format in a way that cannot be read unambiguously',
  LIMIT_EXCEEDED: 'a declared length or nesting depth is out of proportion to the file',
  MISSING_ATTRIBUTE: 'an attribute needed to read the image is absent',
  INVALID_ATTRIBUTE: 'an attribute has a value the standard does not allow',
  UNSUPPORTED_TRANSFER_SYNTAX: 'the transfer syntax is not one Voxelhub can decode',
  UNSUPPORTED_IMAGE: 'the image uses a feature Voxelhub does not read',
  PIXEL_DATA_SHORT: 'the pixel data is shorter than the image pixel module says',
  CODEC_FAILED: 'the compressed pixel data could not be decoded',
  NOT_NIFTI: 'the file is not NIfTI-1 or NIfTI-2',
  NOT_IMAGE: 'the file is not a PNG or JPEG image',
  INCONSISTENT_SERIES: 'the instances of a series cannot be assembled into one image',
  IO: 'the file could not be read',
} as const;

export type ReadErrorCode = keyof typeof READ_ERROR_CODES;

/** An expected failure: a user's file that cannot be read. Names the file and what is wrong. */
export class ImageReadError extends Error {
  override readonly name = 'ImageReadError';
  readonly code: ReadErrorCode;
  readonly file: string | undefined;
  readonly detail: string;

  constructor(code: ReadErrorCode, detail: string, file?: string, options?: { cause?: unknown }) {
    super(file ? `${file}: ${detail}` : detail, options);
    this.code = code;
    this.detail = detail;
    this.file = file;
  }

  /** The same error, naming `file` (readers of bytes don't know file names; their callers do). */
  withFile(file: string): ImageReadError {
    return this.file ? this : new ImageReadError(this.code, this.detail, file, { cause: this.cause });
  }
}

/** Wraps anything thrown by a third-party parser into an ImageReadError that names the file. */
export function asReadError(error: unknown, fallback: ReadErrorCode, file?: string): ImageReadError {
  if (error instanceof ImageReadError) return file ? error.withFile(file) : error;
  const message =
    error instanceof Error ? error.message : typeof error === 'string' ? error : `error ${String(error)}`;
  return new ImageReadError(fallback, message, file, { cause: error });
}
