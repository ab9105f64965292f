import type { ImportOutcome } from '../import/import-file.js';

/** What importing a dataset's image files came to, file by file. */
export interface ImageTally {
  imported: number;
  duplicates: number;
  readonly failed: { file: string; reason: string }[];
  /** Held for review of burned-in text: no image id yet, so their labels cannot be placed. */
  readonly held: string[];
  /** Files of a DICOM folder that turned out not to be images at all (a LICENSE): passed over. */
  readonly notImages: string[];
  /** Relative path → the project image it is (imported now or already there). */
  readonly imageOf: Map<string, string>;
}

export function emptyImageTally(): ImageTally {
  return { imported: 0, duplicates: 0, failed: [], held: [], notImages: [], imageOf: new Map() };
}

export function recordImageOutcome(
  tally: ImageTally,
  path: string,
  outcome: ImportOutcome,
  options: { readonly skipNonImage?: boolean } = {},
): void {
  if (options.skipNonImage && outcome.status === 'failed' && outcome.code === 'UNSUPPORTED_FORMAT') {
    tally.notImages.push(path);
    return;
  }
  if (outcome.status === 'failed') {
    tally.failed.push({ file: path, reason: outcome.reason ?? outcome.code ?? 'not imported' });
    return;
  }
  if (outcome.status === 'imported') tally.imported++;
  else tally.duplicates++;
  if (outcome.imageId) tally.imageOf.set(path, outcome.imageId);
  else tally.held.push(path);
}
