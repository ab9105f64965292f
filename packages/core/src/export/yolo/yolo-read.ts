import type { AnnotatedPoint, AnnotationPayload, ImageRef } from '../../annotation/index.js';
import type { ImageKind } from '../../volume/image-volume.js';
import { indexToPatient } from '../../volume/patient-coordinates.js';
import type {
  ExportAnnotation,
  ExportDataset,
  ExportFile,
  ExportImage,
  ExportLabel,
} from '../export-dataset.js';
import { readDataYamlNames } from './read-data-yaml-names.js';
import { indexFromNormalised } from './yolo-coordinates.js';
import { yoloPlane } from './yolo-layout.js';

/**
 * Reads a YOLO detection or segmentation export back into a dataset: `class cx cy w h` lines become box2d
 * annotations and `class x1 y1 …` lines polygons, on the images given (matched by file name, see
 * yolo-layout.ts). Index coordinates undo the writer's normalisation; patient ones come from each image's
 * geometry.
 */

/** An image to read labels onto; `kind: 'frames'` makes annotations refer to frames instead of slices. */
export interface YoloImage extends ExportImage {
  readonly kind?: ImageKind;
}

export interface YoloReadOptions {
  /** The dataset's name (default 'yolo'). */
  readonly name?: string;
  /** Existing labels to use, matched by classIndex = class + 1; otherwise labels are made from data.yaml. */
  readonly labels?: readonly ExportLabel[];
}

const PALETTE = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#46f0f0', '#f032e6', '#bcf60c'];

function madeLabels(names: readonly string[], polygonClasses: ReadonlySet<number>): ExportLabel[] {
  return names.map((name, i) => ({
    id: `yolo-class-${i}`,
    name,
    type: polygonClasses.has(i) ? 'polygon' : 'box',
    colour: PALETTE[i % PALETTE.length]!,
    classIndex: i + 1,
  }));
}

interface ParsedLine {
  readonly classId: number;
  readonly coords: readonly number[];
  readonly where: string;
}

function parseLines(text: string, path: string, classCount: number): ParsedLine[] {
  const parsed: ParsedLine[] = [];
  text.split(/\r?\n/).forEach((line, n) => {
    if (line.trim() === '') return;
    const where = `${path} line ${n + 1}`;
    const [first, ...rest] = line.trim().split(/\s+/);
    const classId = Number(first);
    if (!Number.isInteger(classId) || classId < 0 || classId >= classCount)
      throw new RangeError(`${where}: class ${first} is not one of 0 to ${classCount - 1}`);
    const coords = rest.map(Number);
    if (coords.some((c) => !Number.isFinite(c) || c < 0 || c > 1))
      throw new RangeError(`${where}: coordinates must be numbers in [0, 1]`);
    if (coords.length !== 4 && (coords.length < 6 || coords.length % 2 !== 0))
      throw new TypeError(
        `${where}: expected 4 box values or 3+ polygon points, got ${coords.length} values`,
      );
    parsed.push({ classId, coords, where });
  });
  return parsed;
}

function point(image: ExportImage, i: number, j: number, k: number): AnnotatedPoint {
  return { index: [i, j, k], patient: [...indexToPatient(image.geometry, [i, j, k])] };
}

function payloadOf(line: ParsedLine, image: YoloImage, slice: number, labelId: string): AnnotationPayload {
  const [width, height] = image.geometry.dims;
  const imageRef: ImageRef =
    image.kind === 'frames'
      ? { imageId: image.id, frameIndex: slice }
      : { imageId: image.id, sliceIndex: slice };
  const envelope = { schemaVersion: 1 as const, imageRef, labelId };
  const c = line.coords;
  if (c.length === 4) {
    const [cx, cy, w, h] = c as [number, number, number, number];
    if (!(w > 0 && h > 0)) throw new RangeError(`${line.where}: box width and height must be positive`);
    const x0 = indexFromNormalised(cx - w / 2, width);
    const y0 = indexFromNormalised(cy - h / 2, height);
    const x1 = indexFromNormalised(cx + w / 2, width);
    const y1 = indexFromNormalised(cy + h / 2, height);
    return {
      ...envelope,
      type: 'box2d',
      data: { min: point(image, x0, y0, slice), max: point(image, x1, y1, slice) },
    };
  }
  const points: AnnotatedPoint[] = [];
  for (let p = 0; p < c.length; p += 2)
    points.push(
      point(image, indexFromNormalised(c[p]!, width), indexFromNormalised(c[p + 1]!, height), slice),
    );
  return { ...envelope, type: 'polygon', data: { points } };
}

function findDataYaml(files: readonly ExportFile[]): ExportFile {
  const yaml =
    files.find((f) => f.path === 'data.yaml') ?? files.find((f) => /(^|\/)data\.ya?ml$/.test(f.path));
  if (!yaml) throw new TypeError('no data.yaml among the files');
  return yaml;
}

export function datasetFromYolo(
  files: readonly ExportFile[],
  images: readonly YoloImage[],
  options: YoloReadOptions = {},
): ExportDataset {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const yaml = findDataYaml(files);
  const names = readDataYamlNames(decoder.decode(yaml.bytes), yaml.path);
  const planes = new Map<string, { image: YoloImage; slice: number }>();
  for (const image of images) {
    for (let slice = 0; slice < image.geometry.dims[2]; slice++) {
      const name = yoloPlane(image, slice).name;
      if (planes.has(name)) throw new RangeError(`two images are both named ${name}`);
      planes.set(name, { image, slice });
    }
  }
  const read: { line: ParsedLine; image: YoloImage; slice: number }[] = [];
  for (const file of files) {
    const match = /(?:^|\/)labels\/(?:train|val|test)\/([^/]+)\.txt$/.exec(file.path);
    if (!match) continue;
    const plane = planes.get(match[1]!);
    if (!plane) throw new RangeError(`${file.path}: no image is named ${match[1]}`);
    for (const line of parseLines(decoder.decode(file.bytes), file.path, names.length))
      read.push({ line, ...plane });
  }
  const labels =
    options.labels ??
    madeLabels(names, new Set(read.filter((r) => r.line.coords.length > 4).map((r) => r.line.classId)));
  const labelOf = (classId: number, where: string) => {
    const label = labels.find((l) => l.classIndex === classId + 1);
    if (!label) throw new RangeError(`${where}: no label has classIndex ${classId + 1}`);
    return label;
  };
  const annotations: ExportAnnotation[] = read.map(({ line, image, slice }) => {
    const label = labelOf(line.classId, line.where);
    return {
      id: line.where,
      imageId: image.id,
      labelId: label.id,
      payload: payloadOf(line, image, slice, label.id),
    };
  });
  return { name: options.name ?? 'yolo', images, labels, annotations };
}
