import type { ExportFile, SkippedAnnotation } from '../export-dataset.js';

/** What a table writer returns: its file, and the annotations of its kind the file could not hold, and why. */
export interface TableWrite {
  readonly file: ExportFile;
  readonly skipped: readonly SkippedAnnotation[];
}
