import type { ExportDataset, ExportFile } from '../export-dataset.js';
import { SPLITS } from '../export-dataset.js';
import { type CocoExportOptions, cocoFromDataset } from './coco-from-dataset.js';

/** Images with no split, when others have one, go to this file's split name. */
export const UNASSIGNED_SPLIT = 'unassigned';

function jsonFile(path: string, value: unknown): ExportFile {
  return { path, bytes: new TextEncoder().encode(JSON.stringify(value)) };
}

/** The dataset restricted to some images and their annotations (labels stay whole: category ids stay stable). */
function subset(dataset: ExportDataset, keep: (split: string) => boolean): ExportDataset {
  const images = dataset.images.filter((image) => keep(image.split ?? UNASSIGNED_SPLIT));
  const ids = new Set(images.map((image) => image.id));
  return { ...dataset, images, annotations: dataset.annotations.filter((a) => ids.has(a.imageId)) };
}

/**
 * The COCO files of a dataset: `annotations.json` when no image has a split, otherwise one
 * `annotations/instances_<split>.json` per split that has images (train, validation, test, and `unassigned`
 * for images without one), each standalone with ids from 1. What was left out: cocoFromDataset(…).skipped.
 */
export function cocoFiles(dataset: ExportDataset, options: CocoExportOptions = {}): ExportFile[] {
  if (dataset.images.every((image) => image.split === undefined))
    return [jsonFile('annotations.json', cocoFromDataset(dataset, options).coco)];
  return [...SPLITS, UNASSIGNED_SPLIT]
    .map((split) => ({ split, part: subset(dataset, (s) => s === split) }))
    .filter(({ part }) => part.images.length > 0)
    .map(({ split, part }) =>
      jsonFile(`annotations/instances_${split}.json`, cocoFromDataset(part, options).coco),
    );
}
