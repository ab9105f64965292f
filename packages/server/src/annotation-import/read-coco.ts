import { datasetFromCoco, type ExportLabel, resolveByFileName } from '@voxelhub/core/export';
import { readingFile } from './bad-import-file.js';
import type { ImportContext } from './import-context.js';
import type { ImportedAnnotation, ImportedItems, SkippedItem, WantedLabel } from './imported-items.js';

function isCocoJson(json: unknown): boolean {
  return typeof json === 'object' && json !== null && 'images' in json && 'categories' in json;
}

export function wantedLabel(label: ExportLabel): WantedLabel {
  return {
    name: label.name,
    type: label.type,
    colour: label.colour,
    ...(label.options ? { options: label.options } : {}),
  };
}

/**
 * COCO instances files (annotations.json, or annotations/instances_<split>.json): each image is placed by
 * its file name, `<case>.png` or `<case>/slice_NNNN.png` (frame_NNNN for cines), the case found by name;
 * categories become labels by name (their type from supercategory, as Voxelhub writes it, else mask).
 */
export function readCoco(context: ImportContext): ImportedItems {
  const annotations: ImportedAnnotation[] = [];
  const skipped: SkippedItem[] = [];
  const resolveImage = resolveByFileName(context.images, (image) =>
    context.cases.get(image.id)?.cine ? 'frames' : 'volume',
  );
  for (const file of context.files.filter((f) => f.path.toLowerCase().endsWith('.json'))) {
    const json = readingFile(file.path, () => JSON.parse(new TextDecoder().decode(file.bytes)) as unknown);
    if (!isCocoJson(json)) continue;
    const read = readingFile(file.path, () => datasetFromCoco(json, { resolveImage }));
    const labels = new Map(read.labels.map((l) => [l.id, l]));
    for (const a of read.annotations)
      annotations.push({
        file: file.path,
        caseId: a.imageId,
        label: wantedLabel(labels.get(a.labelId)!),
        payload: a.payload,
      });
    for (const s of read.skipped)
      skipped.push({ file: `${file.path} (annotation ${s.cocoId})`, reason: s.reason });
  }
  return { annotations, labelMaps: [], skipped };
}
