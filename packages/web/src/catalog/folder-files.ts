import type { DatasetLayout } from '@voxelhub/core/export';

/**
 * One file of a folder the user chose, by its path relative to the chosen folder (forward slashes, the
 * folder's own name first, as File.webkitRelativePath gives it). Dropped folders have no
 * webkitRelativePath, so the path travels beside the file.
 */
export interface FolderFile {
  readonly path: string;
  readonly file: Blob;
}

/** The files of an `<input webkitdirectory>`: each with its webkitRelativePath (its name if it has none). */
export function folderFilesOf(files: Iterable<File>): FolderFile[] {
  return [...files].map((file) => ({ path: file.webkitRelativePath || file.name, file }));
}

/** The name of the folder the files came from (the first segment they share), or '' for loose files. */
export function folderNameOf(files: readonly FolderFile[]): string {
  const first = files[0]?.path.split('/')[0] ?? '';
  const shared = files.every((f) => f.path.startsWith(`${first}/`));
  return shared ? first : '';
}

function isHidden(path: string): boolean {
  return path.slice(path.lastIndexOf('/') + 1).startsWith('.');
}

/**
 * The files the import needs: those the layout uses (images, labels, its dataset.json, CSV or data.yaml).
 * Files it ignores (READMEs, licences, hidden files such as .DS_Store) stay on the user's disk.
 */
export function filesToUpload(files: readonly FolderFile[], layout: DatasetLayout): FolderFile[] {
  const ignored = new Set(layout.ignored);
  return files.filter((f) => !ignored.has(f.path) && !isHidden(f.path));
}

/** How many files and bytes, for the upload's size and its progress bar. */
export function totalsOf(files: readonly FolderFile[]): { readonly files: number; readonly bytes: number } {
  return { files: files.length, bytes: files.reduce((sum, f) => sum + f.file.size, 0) };
}
