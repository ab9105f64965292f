import {
  type AnnotatedPoint,
  type AnnotationPayload,
  annotationPayloadSchema,
  CURRENT_SCHEMA_VERSIONS,
  encodeBinaryRle,
  type ImageRef,
  LABEL_TYPES,
  type LabelType,
} from '../../annotation/index.js';
import { indexToPatient } from '../../volume/patient-coordinates.js';
import type { ExportAnnotation, ExportLabel } from '../export-dataset.js';
import {
  type CocoAnnotation,
  type CocoCategory,
  type CocoDataset,
  cocoDatasetSchema,
} from './coco-format.js';
import type { CocoImageResolver, ResolvedCocoImage } from './coco-image-resolver.js';
import { decodeCocoRle } from './coco-rle.js';

export interface CocoImportOptions {
  /** Places each COCO image (e.g. resolveByFileName(images) for files cocoFromDataset wrote). */
  readonly resolveImage: CocoImageResolver;
  /** Labels whose classIndex the category ids are; by default one label per category is made. */
  readonly labels?: readonly ExportLabel[];
}

/** A COCO annotation that did not come back, and why. */
export interface SkippedCocoAnnotation {
  readonly cocoId: number;
  readonly reason: string;
}

export interface CocoImport {
  readonly labels: readonly ExportLabel[];
  readonly annotations: readonly ExportAnnotation[];
  readonly skipped: readonly SkippedCocoAnnotation[];
}

const DEFAULT_COLOUR = '#808080';

function labelFromCategory(category: CocoCategory): ExportLabel {
  // Our writer puts the label type in supercategory; any other value makes a mask label.
  const type = (LABEL_TYPES as readonly string[]).includes(category.supercategory ?? '')
    ? (category.supercategory as LabelType)
    : 'mask';
  const id = `coco-category-${category.id}`;
  return { id, name: category.name, type, colour: DEFAULT_COLOUR, classIndex: category.id };
}

function parseCoco(json: unknown): CocoDataset {
  const result = cocoDatasetSchema.safeParse(json);
  if (result.success) return result.data;
  const issues = result.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new TypeError(`not a COCO instances file: ${issues.join('; ')}`);
}

/** COCO pixel coordinates → an annotated point on plane k (x = i + 0.5, see coco-objects.ts). */
function pointAt(x: number, y: number, place: ResolvedCocoImage): AnnotatedPoint {
  const index: [number, number, number] = [x - 0.5, y - 0.5, place.k];
  return { index, patient: [...indexToPatient(place.geometry, index)] as [number, number, number] };
}

type PayloadData = { type: AnnotationPayload['type']; data: unknown };

function dataOf(annotation: CocoAnnotation, place: ResolvedCocoImage, label: ExportLabel): PayloadData[] {
  const segmentation = annotation.segmentation;
  if (!Array.isArray(segmentation)) {
    const mask = decodeCocoRle(segmentation);
    const [height, width] = segmentation.size;
    const segment = { index: 1, labelId: label.id, name: label.name, colour: label.colour, locked: false };
    const rle = { representation: 'rle', mask: encodeBinaryRle(mask, width, height), segment };
    return [{ type: 'segmentation', data: rle }];
  }
  if (segmentation.length === 0) {
    const [x, y, w, h] = annotation.bbox;
    return [{ type: 'box2d', data: { min: pointAt(x, y, place), max: pointAt(x + w, y + h, place) } }];
  }
  return segmentation.map((polygon) => {
    const points: AnnotatedPoint[] = [];
    for (let n = 0; n < polygon.length; n += 2) points.push(pointAt(polygon[n]!, polygon[n + 1]!, place));
    return { type: 'polygon', data: { points } };
  });
}

/**
 * Annotations back from a COCO instances file: an object with an empty segmentation becomes a box2d (from
 * bbox), each polygon a polygon, an RLE an inline rle segmentation (segment 1, named and coloured after its
 * label). Throws a TypeError when `json` is not COCO; annotations that cannot be placed are in `skipped`.
 */
export function datasetFromCoco(json: unknown, options: CocoImportOptions): CocoImport {
  const coco = parseCoco(json);
  const labels = options.labels ?? coco.categories.map(labelFromCategory);
  const labelByClass = new Map(labels.map((label) => [label.classIndex, label]));
  const places = new Map(coco.images.map((image) => [image.id, options.resolveImage(image)]));
  const annotations: ExportAnnotation[] = [];
  const skipped: SkippedCocoAnnotation[] = [];
  for (const annotation of coco.annotations) {
    const place = places.get(annotation.image_id)!;
    const label = labelByClass.get(annotation.category_id);
    if (typeof place === 'string' || !label) {
      const reason = typeof place === 'string' ? place : `category ${annotation.category_id} has no label`;
      skipped.push({ cocoId: annotation.id, reason });
      continue;
    }
    const imageRef: ImageRef =
      place.plane === 'frame'
        ? { imageId: place.imageId, frameIndex: place.k }
        : { imageId: place.imageId, sliceIndex: place.k };
    let made: PayloadData[];
    try {
      made = dataOf(annotation, place, label);
    } catch (error) {
      skipped.push({ cocoId: annotation.id, reason: error instanceof Error ? error.message : String(error) });
      continue;
    }
    made.forEach(({ type, data }, n) => {
      const candidate = {
        schemaVersion: CURRENT_SCHEMA_VERSIONS[type],
        type,
        imageRef,
        labelId: label.id,
        data,
      };
      const payload = annotationPayloadSchema.safeParse(candidate);
      if (!payload.success) {
        const reason = payload.error.issues
          .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
          .join('; ');
        skipped.push({ cocoId: annotation.id, reason });
        return;
      }
      const id = made.length === 1 ? `coco-${annotation.id}` : `coco-${annotation.id}-${n + 1}`;
      annotations.push({ id, imageId: place.imageId, labelId: label.id, payload: payload.data });
    });
  }
  return { labels, annotations, skipped };
}
