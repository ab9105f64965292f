import { ApiError } from '../errors/api-error.js';

/** Longest relative path accepted: deeper than any dataset, short of every file system's limit. */
const MAX_PATH_LENGTH = 1024;

/**
 * A file's path relative to the chosen folder, as a browser's webkitRelativePath gives it
 * ('Task03_Liver/imagesTr/liver_0.nii.gz'), checked before anything is written under it: no absolute
 * path, no drive letter, no backslash, no NUL or control character, no empty, '.' or '..' segment.
 * VALIDATION_FAILED names the path otherwise.
 */
export function relativeUploadPath(raw: string): string {
  const refuse = (why: string): never => {
    throw new ApiError('VALIDATION_FAILED', `file path ${JSON.stringify(raw)}: ${why}`);
  };
  if (raw.length === 0) refuse('empty (send each file with its path relative to the folder as its filename)');
  if (raw.length > MAX_PATH_LENGTH) refuse(`longer than ${MAX_PATH_LENGTH} characters`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
  if (/[\u0000-\u001f\u007f]/.test(raw)) refuse('holds a NUL or control character');
  if (raw.includes('\\')) refuse('holds a backslash (use forward slashes)');
  if (raw.startsWith('/') || /^[A-Za-z]:/.test(raw)) refuse('is absolute (send it relative to the folder)');
  const segments = raw.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) refuse("has an empty, '.' or '..' segment");
  return segments.join('/');
}
