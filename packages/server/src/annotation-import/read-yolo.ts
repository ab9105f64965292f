import { datasetFromYolo, type ExportFile, yoloPlaneName } from '@voxelhub/core/export';
import { readingFile } from './bad-import-file.js';
import type { ImportContext } from './import-context.js';
import type { ImportedItems, SkippedItem } from './imported-items.js';
import { wantedLabel } from './read-coco.js';
import { yoloOntoProjectLabels } from './yolo-onto-project-labels.js';

const LABEL_FILE = /(?:^|\/)labels\/(?:train|val|test)\/([^/]+)\.txt$/;

/**
 * A YOLO detection or segmentation export (data.yaml, labels/<split>/<plane>.txt): each label file is a
 * plane `<case>` or `<case>_slice_NNNN`; files of planes no case has are reported, not read. Boxes become
 * box2d annotations, polygons polygons; classes become labels by their data.yaml names, read as the
 * project's label of that name where there is one (yolo-onto-project-labels.ts: masks and boxes back).
 */
export function readYolo(context: ImportContext): ImportedItems {
  const planes = new Set<string>();
  for (const image of context.images)
    for (let k = 0; k < image.geometry.dims[2]; k++) planes.add(yoloPlaneName(image, k));
  const skipped: SkippedItem[] = [];
  const kept: ExportFile[] = [];
  for (const file of context.files) {
    const plane = LABEL_FILE.exec(file.path)?.[1];
    if (plane !== undefined && !planes.has(plane)) {
      skipped.push({ file: file.path, reason: `no case of the project has a plane named "${plane}"` });
      continue;
    }
    if (plane !== undefined || /(^|\/)data\.ya?ml$/.test(file.path)) kept.push(file);
  }
  const yaml = kept.find((f) => !LABEL_FILE.test(f.path))?.path ?? 'data.yaml';
  const dataset = readingFile(yaml, () => datasetFromYolo(kept, context.images));
  const labels = new Map(dataset.labels.map((l) => [l.id, l]));
  const read = dataset.annotations.map((a) => ({
    // The reader's id is '<file> line <n>'.
    file: a.id,
    caseId: a.imageId,
    label: wantedLabel(labels.get(a.labelId)!),
    payload: a.payload,
  }));
  const annotations = yoloOntoProjectLabels(read, context.projectLabels, context.images);
  return { annotations, labelMaps: [], skipped };
}
