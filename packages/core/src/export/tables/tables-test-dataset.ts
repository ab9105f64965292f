import { type AnnotatedPoint, type AnnotationPayload, SCT, UCUM } from '../../annotation/index.js';
import type { Mat3 } from '../../geometry/matrix3.js';
import type { ExportAnnotation, ExportDataset, ExportImage, ExportLabel } from '../export-dataset.js';

/**
 * The small dataset the table tests write and read: a radiograph and a CT volume, three classification
 * labels (single, multiple, free text), landmarks and measurements. Patient coordinates are written out,
 * not computed, so the expected CSV text is exact: with identity direction, patient = origin + spacing · index.
 */

const IDENTITY: Mat3 = [1, 0, 0, 0, 1, 0, 0, 0, 1];

export const XRAY: ExportImage = {
  id: 'img-xray',
  subjectId: 'subj-1',
  caseName: 'case_0001',
  format: 'png',
  modality: 'DX',
  geometry: { dims: [8, 8, 1], spacing: [0.5, 0.5, 1], origin: [0, 0, 0], direction: IDENTITY },
  split: 'train',
};

export const CT: ExportImage = {
  id: 'img-ct',
  subjectId: 'subj-2',
  caseName: 'case_0002',
  format: 'dicom',
  modality: 'CT',
  geometry: { dims: [5, 4, 3], spacing: [0.5, 0.25, 2.5], origin: [-10, 20, 5], direction: IDENTITY },
  split: 'test',
};

export const LABELS: readonly ExportLabel[] = [
  {
    id: 'lab-view',
    name: 'View',
    type: 'classification',
    colour: '#ff0000',
    classIndex: 1,
    options: [
      { id: 'pa', name: 'PA' },
      { id: 'ap', name: 'AP' },
    ],
  },
  {
    id: 'lab-findings',
    name: 'Findings',
    type: 'classification',
    colour: '#00ff00',
    classIndex: 2,
    options: [
      { id: 'eff', name: 'Effusion' },
      { id: 'card', name: 'Cardiomegaly' },
      { id: 'ptx', name: 'Pneumothorax' },
    ],
  },
  { id: 'lab-note', name: 'Note', type: 'classification', colour: '#0000ff', classIndex: 3 },
  { id: 'lab-point', name: 'Anatomy, points', type: 'point', colour: '#ffff00', classIndex: 4 },
  { id: 'lab-measure', name: 'Measure', type: 'measurement', colour: '#00ffff', classIndex: 5 },
];

export function p(index: [number, number, number], patient: [number, number, number]): AnnotatedPoint {
  return { index, patient };
}

function annotation(id: string, payload: AnnotationPayload): ExportAnnotation {
  return { id, imageId: payload.imageRef.imageId, labelId: payload.labelId, payload };
}

export const NOTE_TEXT = 'heart "large", see\nreport';
export const LESION = { value: '52988006', scheme: 'SCT', meaning: 'Lesion' };

export const ANNOTATIONS: readonly ExportAnnotation[] = [
  annotation('c-view', {
    schemaVersion: 1,
    type: 'classification',
    imageRef: { imageId: 'img-xray' },
    labelId: 'lab-view',
    data: { level: 'image', value: { kind: 'single', choice: 'pa' } },
  }),
  annotation('c-findings', {
    schemaVersion: 1,
    type: 'classification',
    imageRef: { imageId: 'img-xray' },
    labelId: 'lab-findings',
    data: { level: 'image', value: { kind: 'multiple', choices: ['card', 'eff'] } },
  }),
  annotation('c-note', {
    schemaVersion: 1,
    type: 'classification',
    imageRef: { imageId: 'img-xray' },
    labelId: 'lab-note',
    data: { level: 'image', value: { kind: 'text', text: NOTE_TEXT } },
  }),
  annotation('c-study', {
    schemaVersion: 1,
    type: 'classification',
    imageRef: { imageId: 'img-ct' },
    labelId: 'lab-view',
    data: { level: 'study', value: { kind: 'single', choice: 'ap' } },
  }),
  annotation('lm-carina', {
    schemaVersion: 2,
    type: 'landmark',
    imageRef: { imageId: 'img-ct', sliceIndex: 1 },
    labelId: 'lab-point',
    // -10 + 0.5·2, 20 + 0.25·1, 5 + 2.5·1
    data: { name: 'carina', point: p([2, 1, 1], [-9, 20.25, 7.5]) },
  }),
  annotation('m-length', {
    schemaVersion: 1,
    type: 'length',
    imageRef: { imageId: 'img-xray', sliceIndex: 0 },
    labelId: 'lab-measure',
    // (1.5, 2) is 2.5 mm from the origin (a 3-4-5 triangle scaled by 0.5).
    data: {
      points: [p([0, 0, 0], [0, 0, 0]), p([3, 4, 0], [1.5, 2, 0])],
      concept: SCT.length,
      value: 2.5,
      unit: UCUM.millimetre,
    },
  }),
  annotation('m-angle', {
    schemaVersion: 1,
    type: 'angle',
    imageRef: { imageId: 'img-xray', sliceIndex: 0 },
    labelId: 'lab-measure',
    // Rays along +x and +y from the vertex: a right angle.
    data: {
      points: [p([2, 0, 0], [1, 0, 0]), p([0, 0, 0], [0, 0, 0]), p([0, 2, 0], [0, 1, 0])],
      concept: SCT.angle,
      value: 90,
      unit: UCUM.degree,
    },
  }),
  annotation('m-circle', {
    schemaVersion: 1,
    type: 'circleRoi',
    imageRef: { imageId: 'img-ct', sliceIndex: 1 },
    labelId: 'lab-measure',
    data: {
      center: p([2, 2, 1], [-9, 20.5, 7.5]),
      edge: p([4, 2, 1], [-8, 20.5, 7.5]),
      concept: LESION,
      statistics: { area: 3.14, mean: 40, stdDev: 12.5, min: -20, max: 110, unit: UCUM.hounsfieldUnit },
    },
  }),
];

export const DATASET: ExportDataset = {
  name: 'tables-test',
  images: [XRAY, CT],
  labels: LABELS,
  annotations: ANNOTATIONS,
};

export const CONTEXT = { images: DATASET.images, labels: DATASET.labels };

export function text(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}

export function csv(path: string, content: string) {
  return { path, bytes: new TextEncoder().encode(content) };
}
