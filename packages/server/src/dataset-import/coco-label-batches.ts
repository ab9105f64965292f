import type { DatasetLayout, ExportFile } from '@voxelhub/core/export';
import {
  type BatchSource,
  caseOfPath,
  inRuns,
  type LabelBatch,
  type LabelBatches,
  noCaseReason,
} from './label-batch.js';
import { imagePathMatcher } from './match-image-path.js';

type CocoLayout = Extract<DatasetLayout, { kind: 'coco' }>;

interface CocoImage {
  readonly id: number | string;
  readonly file_name: string;
  readonly [key: string]: unknown;
}
interface CocoJson {
  readonly images: CocoImage[];
  readonly annotations: { image_id: number | string; [key: string]: unknown }[];
  readonly categories: unknown[];
  readonly [key: string]: unknown;
}

/** COCO images per batch: one transaction each, and one part of the JSON in memory at a time. */
const IMAGES_PER_BATCH = 50;

/**
 * A COCO file's images in runs of 50, each run a COCO file of its own with its images' annotations and
 * every category. Each image is renamed `<case id>.png`, the name the annotation import places by (its
 * rule c), whatever the dataset called it (`train2017/000000397133.jpg`): the image file was found in the
 * folder by that name, and its size is still checked against the case. Images not in the folder, or not
 * imported, are reported with their annotations left out.
 */
export async function cocoLabelBatches(layout: CocoLayout, source: BatchSource): Promise<LabelBatches> {
  const batches: LabelBatch[] = [];
  const skipped: { file: string; reason: string }[] = [];
  const matchImage = imagePathMatcher(layout.images);
  for (const file of layout.annotationFiles) {
    const coco = JSON.parse(await source.folder.readText(file)) as CocoJson;
    const placed: { image: CocoImage; caseId: string }[] = [];
    for (const image of coco.images) {
      const path = matchImage(String(image.file_name), file);
      const target = path === undefined ? undefined : caseOfPath(source, path);
      if (path === undefined || !target) {
        skipped.push({
          file: `${file} (image ${image.id})`,
          reason:
            path === undefined
              ? `no image file in the folder is "${image.file_name}"`
              : noCaseReason(source, path),
        });
        continue;
      }
      placed.push({ image, caseId: target.id });
    }
    const byImage = new Map<unknown, CocoJson['annotations']>();
    for (const a of coco.annotations) {
      const list = byImage.get(a.image_id);
      if (list) list.push(a);
      else byImage.set(a.image_id, [a]);
    }
    inRuns(placed, IMAGES_PER_BATCH).forEach((run, r) => {
      const part = (): CocoJson => ({
        ...coco,
        images: run.map((p) => ({ ...p.image, file_name: `${p.caseId}.png` })),
        annotations: run.flatMap((p) => byImage.get(p.image.id) ?? []),
      });
      batches.push({
        name: `${file} (images ${r * IMAGES_PER_BATCH + 1}–${r * IMAGES_PER_BATCH + run.length})`,
        format: 'coco',
        files: async (): Promise<ExportFile[]> => [
          { path: file, bytes: new TextEncoder().encode(JSON.stringify(part())) },
        ],
      });
    });
  }
  return { batches, skipped };
}
