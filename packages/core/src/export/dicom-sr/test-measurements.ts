import type { AnnotatedPoint } from '../../annotation/annotated-point.js';
import { SCT, UCUM } from '../../annotation/coded-concept.js';
import type { ImageGeometry } from '../../volume/image-volume.js';
import { indexToPatient } from '../../volume/patient-coordinates.js';
import type { ExportAnnotation, ExportLabel } from '../export-dataset.js';

/**
 * Hand-checkable measurements for the SR tests on an axial grid of 0.7 × 0.7 × 2.5 mm voxels. Each value
 * is derived by hand in a comment, so the tests check the writer against these, not against itself.
 */
export const TEST_GEOMETRY: ImageGeometry = {
  dims: [64, 64, 3],
  spacing: [0.7, 0.7, 2.5],
  origin: [-20, -30, 10],
  direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
};

export function pointOn(geometry: ImageGeometry, i: number, j: number, k: number): AnnotatedPoint {
  return { index: [i, j, k], patient: [...indexToPatient(geometry, [i, j, k])] as AnnotatedPoint['patient'] };
}

export const LABELS: ExportLabel[] = [
  { id: 'lab-lesion', name: 'Lesion', type: 'measurement', colour: '#ff0000', classIndex: 1 },
  { id: 'lab-anatomy', name: 'Anatomy', type: 'point', colour: '#00ff00', classIndex: 2 },
];

const HU = UCUM.hounsfieldUnit;
const LESION = { value: '52988006', scheme: 'SCT', meaning: 'Lesion' };

/** ids are UUIDs, as Voxelhub's are, so that they come back through the Tracking UIDs. */
const id = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

export function testAnnotations(
  imageId: string,
  geometry: ImageGeometry = TEST_GEOMETRY,
): ExportAnnotation[] {
  const p = (i: number, j: number, k: number) => pointOn(geometry, i, j, k);
  const [sx, sy] = geometry.spacing;
  const annotation = (n: number, labelId: string, payload: unknown): ExportAnnotation =>
    ({ id: id(n), imageId, labelId, payload }) as ExportAnnotation;
  const on = (k: number) => ({ imageId, sliceIndex: k });
  return [
    annotation(1, 'lab-anatomy', {
      schemaVersion: 2,
      type: 'landmark',
      imageRef: on(1),
      labelId: 'lab-anatomy',
      data: { name: 'Carina', point: p(10.25, 20.5, 1) },
    }),
    // No slice: written as a SCOORD3D point in the frame of reference.
    annotation(2, 'lab-anatomy', {
      schemaVersion: 2,
      type: 'landmark',
      imageRef: { imageId },
      labelId: 'lab-anatomy',
      data: { name: 'Apex', point: p(5, 6, 2) },
    }),
    // A 3-4-5 triangle in pixels: 5 pixels of sx mm (sx = sy).
    annotation(3, 'lab-lesion', {
      schemaVersion: 1,
      type: 'length',
      imageRef: on(0),
      labelId: 'lab-lesion',
      data: {
        points: [p(10, 10, 0), p(13, 14, 0)],
        concept: SCT.length,
        value: 5 * sx,
        unit: UCUM.millimetre,
      },
    }),
    // Rays along +i and +j from the vertex: a right angle.
    annotation(4, 'lab-lesion', {
      schemaVersion: 1,
      type: 'angle',
      imageRef: on(2),
      labelId: 'lab-lesion',
      data: {
        points: [p(30, 20, 2), p(20, 20, 2), p(20, 30, 2)],
        concept: SCT.angle,
        value: 90,
        unit: UCUM.degree,
      },
    }),
    // Semi-axes 8 and 4 pixels: area π · 8sx · 4sy mm².
    annotation(5, 'lab-lesion', {
      schemaVersion: 1,
      type: 'ellipseRoi',
      imageRef: on(1),
      labelId: 'lab-lesion',
      data: {
        center: p(32, 32, 1),
        axisEnds: [p(40, 32, 1), p(32, 36, 1)],
        concept: LESION,
        statistics: {
          area: Math.PI * 8 * sx * 4 * sy,
          mean: 40.5,
          stdDev: 12.25,
          min: -3,
          max: 88,
          unit: HU,
        },
      },
    }),
    // Radius 5 pixels: area π (5sx)².
    annotation(6, 'lab-lesion', {
      schemaVersion: 1,
      type: 'circleRoi',
      imageRef: on(0),
      labelId: 'lab-lesion',
      data: {
        center: p(16, 40, 0),
        edge: p(16, 45, 0),
        concept: LESION,
        statistics: {
          area: Math.PI * (5 * sx) ** 2,
          mean: -950.125,
          stdDev: 3.5,
          min: -1000,
          max: -900,
          unit: HU,
        },
      },
    }),
    // 10 × 6 pixels.
    annotation(7, 'lab-lesion', {
      schemaVersion: 1,
      type: 'rectangleRoi',
      imageRef: on(2),
      labelId: 'lab-lesion',
      data: {
        box: { min: p(2, 3, 2), max: p(12, 9, 2) },
        concept: LESION,
        statistics: { area: 10 * sx * 6 * sy, mean: 1.5, stdDev: 0, min: 1.5, max: 1.5, unit: HU },
      },
    }),
  ];
}
