/**
 * Why a file or an import job was refused, beyond the reader's own ImageReadError codes. One list, so that
 * the API and docs/errors.md can name them all.
 */
export const IMPORT_ERROR_CODES = {
  UNSUPPORTED_FORMAT: 'the file is not DICOM, NIfTI, PNG or JPEG',
  NO_PIXEL_DATA: 'the DICOM object holds no image (structured report, RT plan, presentation state...)',
  MISSING_UID: 'the DICOM file lacks a SOP, Study or Series Instance UID',
  PROJECT_NOT_FOUND: 'no project has this id',
  JOB_NOT_FOUND: 'no import job has this id',
  JOB_BUSY: 'another worker holds the lease of this import job',
  JOB_LEASE_LOST: 'the lease of this import job passed to another worker while it ran',
  INVALID_INPUT: 'the arguments of an import are not valid',
  DEIDENTIFICATION_INCOMPLETE:
    'the project requires de-identification and the de-identified file still held an original identifying value, so it was not stored',
  TOO_LARGE:
    'a single file over 1 GiB: an image file is read whole to import it (archives are read entry by entry)',
} as const;

export type ImportErrorCode = keyof typeof IMPORT_ERROR_CODES;

export class ImportError extends Error {
  override readonly name = 'ImportError';
  readonly code: ImportErrorCode;

  constructor(code: ImportErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
