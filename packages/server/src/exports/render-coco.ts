import {
  cocoFiles,
  cocoFromDataset,
  cocoImageFileName,
  type ExportImage,
  type SkippedAnnotation,
} from '@voxelhub/core/export';
import { caseAnnotationLabelMaps } from './annotation-label-map.js';
import { loadCaseVolume } from './case-volume.js';
import { CocoParts } from './coco-parts.js';
import { displayWindow } from './display-window.js';
import { planePng } from './plane-png.js';
import { eachCase, type FormatRenderer } from './render-context.js';

/** Where the COCO images go: `images/` + the file_name the annotation files give them. */
export const COCO_IMAGE_FOLDER = 'images';

/**
 * COCO: the core writer's annotation files (one per split) and one PNG per 2D image and per slice or frame,
 * at `images/<file_name>`. Each case is written on its own (its images, then its COCO objects from its
 * label maps) and its objects renumbered into its split's file (coco-parts.ts), so no more than one case's
 * voxels and label maps are held at a time.
 */
export const renderCoco: FormatRenderer = async (context) => {
  const { model, output, blobs } = context;
  const kinds = new Map(model.cases.map((c) => [c.image.id, c.kind]));
  const imageKindOf = (image: ExportImage) => kinds.get(image.id) ?? 'volume';
  const createdAt = new Date(model.version.row.created_at);
  const parts = new CocoParts();
  const skipped: SkippedAnnotation[] = [];
  await eachCase(context, async (c, annotations) => {
    const volume = await loadCaseVolume(blobs, c);
    const window = displayWindow(volume);
    const planes = c.image.geometry.dims[2];
    const plane = c.kind === 'frames' ? 'frame' : 'slice';
    for (let k = 0; k < planes; k++) {
      const name = cocoImageFileName(c.image.caseName, planes, plane, k);
      await output.write({ path: `${COCO_IMAGE_FOLDER}/${name}`, bytes: planePng(volume, k, window) });
    }
    const labelMaps = await caseAnnotationLabelMaps(blobs, c.image, annotations);
    const part = cocoFromDataset(
      { ...model.dataset, images: [c.image], annotations },
      { labelMaps, imageKindOf, createdAt },
    );
    parts.add(c.image.split, part.coco);
    skipped.push(...part.skipped);
  });
  const files = parts.files();
  // A version without cases still gets its (empty) annotation file, as core's writer makes it.
  await output.writeAll(files.length > 0 ? files : cocoFiles(model.dataset, { imageKindOf, createdAt }));
  return skipped;
};
