/** The server's cap on files in one import request (server/src/uploads/upload-items.ts, MAX_UPLOAD_FILES). */
export const MAX_IMPORT_FILES = 10_000;

/**
 * Why this folder cannot go in one import, said before a project is created for it; null when it can.
 * The byte limit (VOXELHUB_MAX_UPLOAD_MB) is the server's setting, unknown here: the server says so.
 */
export function uploadProblem(totals: { readonly files: number; readonly bytes: number }): string | null {
  if (totals.files === 0) return 'The folder has no file this layout imports.';
  if (totals.files > MAX_IMPORT_FILES)
    return `The folder has ${totals.files.toLocaleString('en-GB')} files to upload; one import takes at most ${MAX_IMPORT_FILES.toLocaleString('en-GB')}. Import part of it (for a segmentation dataset, a copy with fewer cases and a matching dataset.json).`;
  return null;
}
