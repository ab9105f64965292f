import type {
  ExportAnnotation,
  ExportDataset,
  ExportFile,
  ExportImage,
  SkippedAnnotation,
} from '../export-dataset.js';
import { formatNormalised, normalisedFromIndex } from './yolo-coordinates.js';
import { dataYamlText, yoloClassNames } from './yolo-data-yaml.js';
import { type YoloPlane, type YoloSplit, yoloImagePath, yoloLabelPath, yoloPlane } from './yolo-layout.js';
import {
  detectionBoxes,
  type IndexBox,
  type IndexPolygon,
  type MaskTracingOptions,
  type Shapes,
  segmentationPolygons,
} from './yolo-shapes.js';

/**
 * Ultralytics YOLO detection and segmentation exports (https://docs.ultralytics.com/datasets/detect/,
 * /datasets/segment/): `data.yaml` and one `labels/<split>/<name>.txt` per image plane. No pixels are
 * written: `planes` says which slice of which image belongs at which `images/…png` path.
 */

export interface YoloExportOptions {
  /** data.yaml's `path` (default: the dataset name). */
  readonly root?: string;
  /** Write label files (and list planes) only for slices with at least one object (default false: all). */
  readonly onlyAnnotatedSlices?: boolean;
}

export interface YoloSegmentationOptions extends YoloExportOptions, MaskTracingOptions {}

/** A plane that needs an image file: render slice `slice` of image `imageId` to `imagePath`. */
export interface YoloPlaneFile {
  readonly imageId: string;
  readonly slice: number;
  readonly imagePath: string;
  readonly labelPath: string;
}

export interface YoloExport {
  readonly files: readonly ExportFile[];
  readonly planes: readonly YoloPlaneFile[];
  readonly skipped: readonly SkippedAnnotation[];
}

type LineWriter = (annotation: ExportAnnotation, image: ExportImage) => Shapes<string>;

function detectionLine(classId: number, box: IndexBox, width: number, height: number): string | undefined {
  const x0 = Math.max(0, normalisedFromIndex(box.x0, width));
  const x1 = Math.min(1, normalisedFromIndex(box.x1, width));
  const y0 = Math.max(0, normalisedFromIndex(box.y0, height));
  const y1 = Math.min(1, normalisedFromIndex(box.y1, height));
  if (!(x1 > x0 && y1 > y0)) return undefined;
  return `${classId} ${formatNormalised((x0 + x1) / 2)} ${formatNormalised((y0 + y1) / 2)} ${formatNormalised(x1 - x0)} ${formatNormalised(y1 - y0)}`;
}

function polygonLine(classId: number, polygon: IndexPolygon, width: number, height: number): string {
  const coords = polygon.flatMap(([x, y]) => [
    formatNormalised(normalisedFromIndex(x, width)),
    formatNormalised(normalisedFromIndex(y, height)),
  ]);
  return `${classId} ${coords.join(' ')}`;
}

function sliceOf(annotation: ExportAnnotation, image: ExportImage): number {
  const { sliceIndex, frameIndex } = annotation.payload.imageRef;
  const slice = sliceIndex ?? frameIndex ?? 0;
  if (slice >= image.geometry.dims[2])
    throw new RangeError(`annotation ${annotation.id}: slice ${slice} is outside image ${image.id}`);
  return slice;
}

function classIdsByLabel(dataset: ExportDataset): Map<string, number> {
  return new Map(dataset.labels.map((label) => [label.id, label.classIndex - 1]));
}

function writeYolo(dataset: ExportDataset, options: YoloExportOptions, lineWriter: LineWriter): YoloExport {
  const names = yoloClassNames(dataset.labels);
  const imagesById = new Map(dataset.images.map((image) => [image.id, image]));
  const lines = new Map<string, string[]>();
  const skipped: SkippedAnnotation[] = [];
  for (const annotation of dataset.annotations) {
    const image = imagesById.get(annotation.imageId);
    if (!image)
      throw new RangeError(`annotation ${annotation.id}: no image ${annotation.imageId} in the dataset`);
    const written = lineWriter(annotation, image);
    if ('skipped' in written) {
      skipped.push({ annotationId: annotation.id, type: annotation.payload.type, reason: written.skipped });
      continue;
    }
    const key = `${image.id}\u0000${sliceOf(annotation, image)}`;
    lines.set(key, [...(lines.get(key) ?? []), ...written.shapes]);
  }
  const encoder = new TextEncoder();
  const files: ExportFile[] = [];
  const planes: YoloPlaneFile[] = [];
  const splits = new Set<YoloSplit>();
  const seen = new Set<string>();
  for (const image of dataset.images) {
    for (let slice = 0; slice < image.geometry.dims[2]; slice++) {
      const planeLines = lines.get(`${image.id}\u0000${slice}`) ?? [];
      if (options.onlyAnnotatedSlices && planeLines.length === 0) continue;
      const plane: YoloPlane = yoloPlane(image, slice);
      splits.add(plane.split);
      const labelPath = yoloLabelPath(plane);
      if (seen.has(labelPath)) throw new RangeError(`two planes are both written to ${labelPath}`);
      seen.add(labelPath);
      // An empty file marks a background image (YOLO's convention).
      files.push({ path: labelPath, bytes: encoder.encode(planeLines.map((l) => `${l}\n`).join('')) });
      planes.push({ imageId: image.id, slice, imagePath: yoloImagePath(plane), labelPath });
    }
  }
  const yaml = dataYamlText({ root: options.root ?? dataset.name, splits, names });
  return { files: [{ path: 'data.yaml', bytes: encoder.encode(yaml) }, ...files], planes, skipped };
}

function classIdOf(classIds: Map<string, number>, annotation: ExportAnnotation): number {
  const classId = classIds.get(annotation.labelId);
  if (classId === undefined)
    throw new RangeError(`annotation ${annotation.id}: no label ${annotation.labelId} in the dataset`);
  return classId;
}

/** Detection labels: `class cx cy w h` per object, normalised, class = classIndex − 1. */
export function yoloDetectionFiles(dataset: ExportDataset, options: YoloExportOptions = {}): YoloExport {
  const classIds = classIdsByLabel(dataset);
  return writeYolo(dataset, options, (annotation, image) => {
    const [width, height] = image.geometry.dims;
    const boxes = detectionBoxes(annotation.payload, width, height);
    if ('skipped' in boxes) return boxes;
    const classId = classIdOf(classIds, annotation);
    const shapes = boxes.shapes.flatMap((box) => detectionLine(classId, box, width, height) ?? []);
    return shapes.length > 0 ? { shapes } : { skipped: 'box lies outside the image' };
  });
}

/** Segmentation labels: `class x1 y1 x2 y2 …` per object, normalised, class = classIndex − 1. */
export function yoloSegmentationFiles(
  dataset: ExportDataset,
  options: YoloSegmentationOptions = {},
): YoloExport {
  const classIds = classIdsByLabel(dataset);
  return writeYolo(dataset, options, (annotation, image) => {
    const [width, height] = image.geometry.dims;
    const polygons = segmentationPolygons(annotation.payload, width, height, options);
    if ('skipped' in polygons) return polygons;
    const classId = classIdOf(classIds, annotation);
    return { shapes: polygons.shapes.map((polygon) => polygonLine(classId, polygon, width, height)) };
  });
}
