/**
 * How an upload job names its files and items. Staged files get generated names (`00003.upload`); the
 * names people gave them are kept in the job's payload and in item keys, never used on the filesystem.
 * Item keys: `00003 scan.dcm` for a file, `00004 study.zip#series/IM0001` for an archive's entry; the
 * sequence number keeps the upload's order and tells two files of the same name apart.
 */

export const UPLOAD_JOB_KIND = 'import.upload';

/** Files in one upload; the width of the sequence number in names and keys. */
export const MAX_UPLOAD_FILES = 10_000;
const SEQ_WIDTH = 5;

export interface UploadedFile {
  /** The name the client sent (metadata only). */
  readonly name: string;
  readonly size: number;
  readonly archive: boolean;
}

/** jobs.payload of an upload job. */
export interface UploadPayload {
  readonly files: readonly UploadedFile[];
}

const seq = (index: number) => String(index).padStart(SEQ_WIDTH, '0');

export const stagedFileName = (index: number): string => `${seq(index)}.upload`;

export const fileItemKey = (index: number, name: string): string => `${seq(index)} ${name}`;

export const entryItemKey = (index: number, name: string, entry: string): string =>
  `${fileItemKey(index, name)}#${entry}`;

/** The file (by index in the payload) and, for an archive, the entry an item key names. */
export function parseItemKey(
  key: string,
  payload: UploadPayload,
): { index: number; file: UploadedFile; entry?: string } | undefined {
  const index = Number(key.slice(0, SEQ_WIDTH));
  const file = payload.files[index];
  if (!Number.isInteger(index) || !file || !key.startsWith(fileItemKey(index, file.name))) return undefined;
  const rest = key.slice(fileItemKey(index, file.name).length);
  if (rest === '') return { index, file };
  return rest.startsWith('#') ? { index, file, entry: rest.slice(1) } : undefined;
}

/** What people call the item: its key without the sequence number. */
export const uploadItemName = (key: string): string => key.slice(SEQ_WIDTH + 1);

/** Control characters and paths longer than a file system allows make no useful name. */
export function cleanFileName(name: string | undefined): string {
  const printable = [...(name ?? '')].filter((c) => c >= ' ' && c !== '\u007f').join('');
  const cleaned = printable.trim().slice(0, 1024);
  return cleaned === '' ? 'unnamed' : cleaned;
}
