import { ImageReadError } from '@voxelhub/core';
import { ApiError } from '../errors/api-error.js';

/**
 * A file of the import that cannot be read: the whole import is refused (VALIDATION_FAILED) with a message
 * that names the file, since a half-read file would import some of its annotations and silently drop others.
 * Readers that already name the file (ImageReadError, table issues, YOLO lines) keep their message.
 */
export function badImportFile(file: string, error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const named =
    (error instanceof ImageReadError && error.file !== undefined) || message.includes(file)
      ? message
      : `${file}: ${message}`;
  return new ApiError('VALIDATION_FAILED', `cannot import ${named}`, [{ path: file, message }]);
}

/** Runs a reader on one file, turning what it throws into badImportFile. */
export function readingFile<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw badImportFile(file, error);
  }
}
