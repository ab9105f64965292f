import { indexToPatient, type Vec3 } from '@voxelhub/core';
import { type AnnotationPayload, encodeBinaryRle, SCT, UCUM } from '@voxelhub/core/annotation';
import { type Imaging, LABELS } from './annotation-import-test-support.js';
import type { ImportCase } from './project-cases.js';

/** Payloads for the import tests, on a case of the test project, with patient points from its grid. */
/** A point of `c` at voxel index (i, j, k) with its patient position. */
type Triple = [number, number, number];

export function pointOn(c: ImportCase, index: Vec3): { index: Triple; patient: Triple } {
  return { index: [...index] as Triple, patient: [...indexToPatient(c.geometry!, index)] as Triple };
}

/** The image reference a payload on slice k of `c` stores (as the viewer writes it). */
export function refOn(c: ImportCase, k: number) {
  if (c.kind === 'series') return { imageId: c.instances[k]!.imageId, sliceIndex: k };
  return { imageId: c.id, sliceIndex: k };
}

export function box(im: Imaging, c: ImportCase, k: number): AnnotationPayload {
  return {
    schemaVersion: 1,
    type: 'box2d',
    labelId: im.labels.box,
    imageRef: refOn(c, k),
    data: { min: pointOn(c, [1, 1, k]), max: pointOn(c, [2.5, 3.5, k]) },
  };
}

export function polygon(im: Imaging, c: ImportCase, k: number): AnnotationPayload {
  return {
    schemaVersion: 1,
    type: 'polygon',
    labelId: im.labels.polygon,
    imageRef: refOn(c, k),
    data: {
      points: [pointOn(c, [1, 1, k]), pointOn(c, [3, 1, k]), pointOn(c, [3, 3, k]), pointOn(c, [1, 3, k])],
    },
  };
}

/** An inline mask on a 2D image (a block of `c`'s pixels), segment 1 of the Liver label. */
export function inlineMask(im: Imaging, c: ImportCase): AnnotationPayload {
  const [width, height] = c.geometry!.dims;
  const mask = new Uint8Array(width * height);
  for (let y = 2; y < 6; y++) for (let x = 3; x < 9; x++) mask[x + width * y] = 1;
  return {
    schemaVersion: 1,
    type: 'segmentation',
    labelId: im.labels.liver,
    imageRef: refOn(c, 0),
    data: {
      representation: 'rle',
      mask: encodeBinaryRle(mask, width, height),
      segment: {
        index: 1,
        labelId: im.labels.liver,
        name: 'Liver',
        colour: LABELS.liver.colour,
        locked: false,
      },
    },
  };
}

export function landmark(im: Imaging, c: ImportCase, k: number, name = 'apex'): AnnotationPayload {
  return {
    schemaVersion: 2,
    type: 'landmark',
    labelId: im.labels.point,
    imageRef: refOn(c, k),
    data: { name, point: pointOn(c, [2, 3, k]) },
  };
}

export function length(im: Imaging, c: ImportCase, k: number): AnnotationPayload {
  const a = pointOn(c, [1, 1, k]);
  const b = pointOn(c, [3, 4, k]);
  const value = Math.hypot(...a.patient.map((v, i) => v - b.patient[i]!));
  return {
    schemaVersion: 1,
    type: 'length',
    labelId: im.labels.size,
    imageRef: refOn(c, k),
    data: { points: [a, b], concept: SCT.length, value, unit: UCUM.millimetre },
  };
}

export function finding(im: Imaging, c: ImportCase, choice: string): AnnotationPayload {
  return {
    schemaVersion: 1,
    type: 'classification',
    labelId: im.labels.finding,
    imageRef: { imageId: c.kind === 'series' ? c.instances[0]!.imageId : c.id },
    data: { level: 'image', value: { kind: 'single', choice } },
  };
}

export function note(im: Imaging, c: ImportCase, words: string): AnnotationPayload {
  return {
    schemaVersion: 1,
    type: 'classification',
    labelId: im.labels.note,
    imageRef: { imageId: c.kind === 'series' ? c.instances[0]!.imageId : c.id },
    data: { level: 'image', value: { kind: 'text', text: words } },
  };
}
