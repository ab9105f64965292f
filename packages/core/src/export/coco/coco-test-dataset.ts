import {
  type AnnotatedPoint,
  type AnnotationPayload,
  annotationPayloadSchema,
  CURRENT_SCHEMA_VERSIONS,
  encodeBinaryRle,
  type ImageRef,
} from '../../annotation/index.js';
import type { Mat3 } from '../../geometry/matrix3.js';
import type { ImageGeometry } from '../../volume/image-volume.js';
import { indexToPatient } from '../../volume/patient-coordinates.js';
import type { ExportAnnotation, ExportImage, ExportLabel } from '../export-dataset.js';

/** A small dataset for the COCO tests: a 2D radiograph and a rotated, anisotropic 3-slice volume. */

const IDENTITY: Mat3 = [1, 0, 0, 0, 1, 0, 0, 0, 1];
// Columns (0, 1, 0), (−1, 0, 0), (0, 0, 1): i runs posterior, j runs right.
const ROTATED: Mat3 = [0, -1, 0, 1, 0, 0, 0, 0, 1];

export const XRAY: ExportImage = {
  id: 'img-xray',
  subjectId: 'subj-1',
  caseName: 'case_0001',
  format: 'png',
  modality: 'DX',
  geometry: { dims: [8, 6, 1], spacing: [0.5, 0.5, 1], origin: [0, 0, 0], direction: IDENTITY },
};

export const CT: ExportImage = {
  id: 'img-ct',
  subjectId: 'subj-2',
  caseName: 'case_0002',
  format: 'dicom',
  modality: 'CT',
  geometry: { dims: [5, 4, 3], spacing: [0.8, 0.7, 2.5], origin: [-10, 20, 5], direction: ROTATED },
};

export const LABELS: readonly ExportLabel[] = [
  { id: 'lab-nodule', name: 'Nodule', type: 'box', colour: '#ff0000', classIndex: 1 },
  { id: 'lab-liver', name: 'Liver', type: 'mask', colour: '#00ff00', classIndex: 2 },
  { id: 'lab-outline', name: 'Outline', type: 'polygon', colour: '#0000ff', classIndex: 3 },
  { id: 'lab-carina', name: 'Carina', type: 'point', colour: '#ffff00', classIndex: 4 },
  { id: 'lab-finding', name: 'Finding', type: 'classification', colour: '#00ffff', classIndex: 5 },
  { id: 'lab-spleen', name: 'Spleen', type: 'mask', colour: '#ff00ff', classIndex: 6 },
];

export function at(geometry: ImageGeometry, i: number, j: number, k: number): AnnotatedPoint {
  return { index: [i, j, k], patient: [...indexToPatient(geometry, [i, j, k])] as [number, number, number] };
}

/** A payload checked by the real schema, so the tests cannot feed the writer something the API would refuse. */
export function annotation(
  id: string,
  image: ExportImage,
  labelId: string,
  type: AnnotationPayload['type'],
  data: unknown,
  plane: Omit<ImageRef, 'imageId'> = { sliceIndex: 0 },
): ExportAnnotation {
  const payload = annotationPayloadSchema.parse({
    schemaVersion: CURRENT_SCHEMA_VERSIONS[type],
    type,
    imageRef: { imageId: image.id, ...plane },
    labelId,
    data,
  });
  return { id, imageId: image.id, labelId, payload };
}

/** The segment a COCO import rebuilds for a mask of `label` (see dataset-from-coco.ts). */
export function segmentOf(label: ExportLabel) {
  return { index: 1, labelId: label.id, name: label.name, colour: label.colour, locked: false };
}

export function rleData(pixels: readonly number[], width: number, height: number, label: ExportLabel) {
  return { representation: 'rle', mask: encodeBinaryRle(pixels, width, height), segment: segmentOf(label) };
}
