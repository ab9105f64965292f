import type { AnnotationPayload } from '../../annotation/index.js';
import type { LabelMap } from '../../segmentation/label-map.js';
import type { ImageKind } from '../../volume/image-volume.js';
import type {
  ExportAnnotation,
  ExportDataset,
  ExportImage,
  ExportLabel,
  SkippedAnnotation,
} from '../export-dataset.js';
import type { CocoAnnotation, CocoCategory, CocoDataset, CocoImage } from './coco-format.js';
import { cocoImageFileName } from './coco-image-names.js';
import {
  box2dObjects,
  type CocoObject,
  type CocoObjectContext,
  type CocoObjectsResult,
  contourObjects,
  labelMapObjects,
  rleSegmentationObjects,
} from './coco-objects.js';

export interface CocoExportOptions {
  /**
   * Voxels of label-map segmentations by annotation id (their NIfTI blobs are not in the dataset). A label map
   * without voxels here is skipped.
   */
  readonly labelMaps?: ReadonlyMap<string, LabelMap>;
  /** Whether an image's third axis is slices ('volume', the default) or frames; only names files. */
  readonly imageKindOf?: (image: ExportImage) => ImageKind;
  /** How masks are written: pycocotools' compressed string (default) or a list of counts. */
  readonly rle?: 'compressed' | 'uncompressed';
  /** Decimal places kept in polygon and box coordinates and their areas; default 3 (a thousandth of a pixel). */
  readonly decimals?: number;
  /** Fills info.year and info.date_created; left out when absent, so the same dataset gives the same bytes. */
  readonly createdAt?: Date;
  readonly version?: string;
}

/** An annotation that is not (or not wholly) in the COCO file, and why. */

export interface CocoExport {
  readonly coco: CocoDataset;
  readonly skipped: readonly SkippedAnnotation[];
}

/** Label types whose annotations become COCO objects, hence the labels listed as categories. */
const OBJECT_LABEL_TYPES: ReadonlySet<ExportLabel['type']> = new Set(['box', 'polygon', 'mask']);

function objectsOf(
  payload: AnnotationPayload,
  annotationId: string,
  context: CocoObjectContext,
  options: CocoExportOptions,
): CocoObjectsResult {
  const k = payload.imageRef.sliceIndex ?? payload.imageRef.frameIndex ?? 0;
  if (k >= context.planes)
    throw new RangeError(`annotation "${annotationId}" is on plane ${k}; its image has ${context.planes}`);
  switch (payload.type) {
    case 'box2d':
      return box2dObjects(payload, k, context);
    case 'polygon':
    case 'freehandContour':
      return contourObjects(payload, k, context);
    case 'segmentation':
      return payload.data.representation === 'rle'
        ? rleSegmentationObjects(payload.data, k, context)
        : labelMapObjects(payload.data.segments, options.labelMaps?.get(annotationId), context);
    default:
      return { skipped: `${payload.type} annotations are not COCO objects` };
  }
}

function categoriesOf(labels: readonly ExportLabel[], used: ReadonlySet<string>): CocoCategory[] {
  const seen = new Set<number>();
  for (const label of labels) {
    if (!Number.isInteger(label.classIndex) || label.classIndex < 1 || seen.has(label.classIndex))
      throw new RangeError(
        `label "${label.name}" has class index ${label.classIndex}: need distinct integers ≥ 1`,
      );
    seen.add(label.classIndex);
  }
  return labels
    .filter((label) => OBJECT_LABEL_TYPES.has(label.type) || used.has(label.id))
    .sort((a, b) => a.classIndex - b.classIndex)
    .map((label) => ({ id: label.classIndex, name: label.name, supercategory: label.type }));
}

interface PlacedImage {
  readonly image: ExportImage;
  /** COCO image id of plane k is firstId + k. */
  readonly firstId: number;
}

function cocoImagesOf(dataset: ExportDataset, options: CocoExportOptions) {
  const placed = new Map<string, PlacedImage>();
  const images: CocoImage[] = [];
  for (const image of dataset.images) {
    if (placed.has(image.id)) throw new RangeError(`image "${image.id}" is listed twice`);
    const [width, height, planes] = image.geometry.dims;
    const plane = options.imageKindOf?.(image) === 'frames' ? 'frame' : 'slice';
    placed.set(image.id, { image, firstId: images.length + 1 });
    for (let k = 0; k < planes; k++) {
      const file_name = cocoImageFileName(image.caseName, planes, plane, k);
      images.push({ id: images.length + 1, file_name, width, height });
    }
  }
  return { images, placed };
}

function infoOf(dataset: ExportDataset, options: CocoExportOptions): CocoDataset['info'] {
  const info = {
    description: dataset.name,
    version: options.version ?? '1.0',
    contributor: 'Voxelhub',
    url: '',
  };
  const at = options.createdAt;
  if (!at) return info;
  const date = `${at.getUTCFullYear()}/${String(at.getUTCMonth() + 1).padStart(2, '0')}/${String(at.getUTCDate()).padStart(2, '0')}`;
  return { ...info, year: at.getUTCFullYear(), date_created: date };
}

/**
 * The dataset as one COCO instances file. Every slice or frame of every image is a COCO image (unannotated
 * ones too: they are negatives for a detector); boxes, polygons, freehand contours and masks become COCO
 * objects; everything else is listed in `skipped`. An annotation whose image or label is not in the dataset, or
 * whose slice is outside its image, is a RangeError (a broken dataset, not something COCO cannot hold).
 * See docs/export-coco.md.
 */
export function cocoFromDataset(dataset: ExportDataset, options: CocoExportOptions = {}): CocoExport {
  const decimals = options.decimals ?? 3;
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 12)
    throw new RangeError(`decimals must be an integer from 0 to 12, not ${decimals}`);
  const { images, placed } = cocoImagesOf(dataset, options);
  const labels = new Map(dataset.labels.map((label) => [label.id, label]));
  const annotations: CocoAnnotation[] = [];
  const skipped: SkippedAnnotation[] = [];
  const used = new Set<string>();
  const skip = (annotation: ExportAnnotation, reason: string) =>
    skipped.push({ annotationId: annotation.id, type: annotation.payload.type, reason });

  for (const annotation of dataset.annotations) {
    const place = placed.get(annotation.imageId);
    if (!place)
      throw new RangeError(
        `annotation "${annotation.id}" is on image "${annotation.imageId}", not in the dataset`,
      );
    const [width, height, planes] = place.image.geometry.dims;
    const context = { width, height, planes, decimals, rle: options.rle ?? 'compressed' } as const;
    const result = objectsOf(annotation.payload, annotation.id, context, options);
    if ('skipped' in result) {
      skip(annotation, result.skipped);
      continue;
    }
    const unlabelled = result.objects.find((object: CocoObject) => !labels.has(object.labelId));
    if (unlabelled)
      throw new RangeError(
        `annotation "${annotation.id}" has label "${unlabelled.labelId}", not in the dataset`,
      );
    for (const object of result.objects) {
      used.add(object.labelId);
      annotations.push({
        id: annotations.length + 1,
        image_id: place.firstId + object.k,
        category_id: labels.get(object.labelId)!.classIndex,
        bbox: [...object.bbox],
        area: object.area,
        iscrowd: 0,
        segmentation: object.segmentation,
      });
    }
  }
  const categories = categoriesOf(dataset.labels, used);
  return { coco: { info: infoOf(dataset, options), licenses: [], images, annotations, categories }, skipped };
}
