import type { AnnotatedPoint, AnnotationPayload, ImageRef } from '../../annotation/index.js';
import { encodeBinaryRle } from '../../annotation/index.js';
import type { Vec3 } from '../../geometry/vector.js';
import type { ImageGeometry } from '../../volume/image-volume.js';
import { indexToPatient } from '../../volume/patient-coordinates.js';
import type { ExportAnnotation, ExportImage, ExportLabel } from '../export-dataset.js';

/** Builders for the small datasets the YOLO tests write and read back. */

export function geometry(dims: Vec3, spacing: Vec3 = [0.5, 0.5, 2], origin: Vec3 = [0, 0, 0]): ImageGeometry {
  return { dims, spacing, origin, direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
}

export function image(
  id: string,
  caseName: string,
  g: ImageGeometry,
  split?: ExportImage['split'],
): ExportImage {
  return { id, subjectId: `subject-${id}`, caseName, format: 'nifti', modality: 'CT', geometry: g, split };
}

export function label(id: string, name: string, type: ExportLabel['type'], classIndex: number): ExportLabel {
  return { id, name, type, colour: '#ff0000', classIndex };
}

export function at(g: ImageGeometry, i: number, j: number, k: number): AnnotatedPoint {
  return { index: [i, j, k], patient: [...indexToPatient(g, [i, j, k])] };
}

function ref(imageId: string, slice: number): ImageRef {
  return { imageId, sliceIndex: slice };
}

function annotation(
  id: string,
  imageId: string,
  labelId: string,
  payload: AnnotationPayload,
): ExportAnnotation {
  return { id, imageId, labelId, payload };
}

export function box(
  id: string,
  img: ExportImage,
  labelId: string,
  min: [number, number],
  max: [number, number],
  k = 0,
) {
  const g = img.geometry;
  return annotation(id, img.id, labelId, {
    schemaVersion: 1,
    type: 'box2d',
    imageRef: ref(img.id, k),
    labelId,
    data: { min: at(g, min[0], min[1], k), max: at(g, max[0], max[1], k) },
  });
}

export function polygon(id: string, img: ExportImage, labelId: string, points: [number, number][], k = 0) {
  return annotation(id, img.id, labelId, {
    schemaVersion: 1,
    type: 'polygon',
    imageRef: ref(img.id, k),
    labelId,
    data: { points: points.map(([i, j]) => at(img.geometry, i, j, k)) },
  });
}

/** A mask annotation from rows of '#' and '.' padded to the image's width and height. */
export function mask(id: string, img: ExportImage, labelId: string, rows: string[], k = 0) {
  const [width, height] = img.geometry.dims;
  const pixels = new Uint8Array(width * height);
  rows.forEach((row, y) => {
    [...row].forEach((c, x) => {
      if (c === '#') pixels[y * width + x] = 1;
    });
  });
  return annotation(id, img.id, labelId, {
    schemaVersion: 1,
    type: 'segmentation',
    imageRef: ref(img.id, k),
    labelId,
    data: {
      representation: 'rle',
      mask: encodeBinaryRle(pixels, width, height),
      segment: { index: 1, labelId, name: 'mask', colour: '#00ff00', locked: false },
    },
  });
}

export function landmark(id: string, img: ExportImage, labelId: string) {
  return annotation(id, img.id, labelId, {
    schemaVersion: 1,
    type: 'landmark',
    imageRef: ref(img.id, 0),
    labelId,
    data: { point: at(img.geometry, 1, 1, 0) },
  } as unknown as AnnotationPayload);
}

export function classification(id: string, img: ExportImage, labelId: string) {
  return annotation(id, img.id, labelId, {
    schemaVersion: 1,
    type: 'classification',
    imageRef: { imageId: img.id },
    labelId,
    data: { kind: 'boolean', value: true },
  } as unknown as AnnotationPayload);
}

export function text(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}
