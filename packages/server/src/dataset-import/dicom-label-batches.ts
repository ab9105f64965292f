import type { DicomLabelFiles } from './import-image-files.js';
import type { BatchSource, LabelBatch, LabelBatches } from './label-batch.js';

/**
 * One batch per DICOM label object of a folder: SEG files as label maps and SR files as measurements
 * (the annotation import's readers), RTSTRUCT files as a label map and contours. Each is placed on the
 * series it references, which the folder's images made.
 */
export function dicomLabelBatches(files: DicomLabelFiles, source: BatchSource): LabelBatches {
  const batch = (path: string, format: LabelBatch['format']): LabelBatch => ({
    name: path,
    format,
    files: async () => [{ path, bytes: await source.folder.read(path) }],
  });
  return {
    batches: [
      ...files.seg.map((p) => batch(p, 'dicom-seg')),
      ...files.rtstruct.map((p) => batch(p, 'rtstruct')),
      ...files.sr.map((p) => batch(p, 'dicom-sr')),
    ],
    skipped: [],
  };
}
