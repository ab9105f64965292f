import { cocoFiles, cocoFromDataset, cocoImageFileName, type ExportImage } from '@voxelhub/core/export';
import type { LabelMap } from '@voxelhub/core/segmentation';
import { caseAnnotationLabelMaps } from './annotation-label-map.js';
import { loadCaseVolume } from './case-volume.js';
import { displayWindow } from './display-window.js';
import { planePng } from './plane-png.js';
import { eachCase, type FormatRenderer } from './render-context.js';

/** Where the COCO images go: `images/` + the file_name the annotation files give them. */
export const COCO_IMAGE_FOLDER = 'images';

/**
 * COCO: the core writer's annotation files (one per split) and one PNG per 2D image and per slice or frame,
 * at `images/<file_name>`. Label maps are read case by case, but COCO numbers objects across the dataset,
 * so the label maps (not the images) of every case are held until the end.
 */
export const renderCoco: FormatRenderer = async (context) => {
  const { model, output, blobs } = context;
  const labelMaps = new Map<string, LabelMap>();
  const kinds = new Map(model.cases.map((c) => [c.image.id, c.kind]));
  const imageKindOf = (image: ExportImage) => kinds.get(image.id) ?? 'volume';
  await eachCase(context, async (c, annotations) => {
    const volume = await loadCaseVolume(blobs, c);
    const window = displayWindow(volume);
    const planes = c.image.geometry.dims[2];
    const plane = c.kind === 'frames' ? 'frame' : 'slice';
    for (let k = 0; k < planes; k++) {
      const name = cocoImageFileName(c.image.caseName, planes, plane, k);
      await output.write({ path: `${COCO_IMAGE_FOLDER}/${name}`, bytes: planePng(volume, k, window) });
    }
    for (const [id, map] of await caseAnnotationLabelMaps(blobs, c.image, annotations))
      labelMaps.set(id, map);
  });
  const options = { labelMaps, imageKindOf, createdAt: new Date(model.version.row.created_at) };
  await output.writeAll(cocoFiles(model.dataset, options));
  return cocoFromDataset(model.dataset, options).skipped;
};
