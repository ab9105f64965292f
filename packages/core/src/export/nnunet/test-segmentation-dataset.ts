import { type Mat3, multiply } from '../../geometry/matrix3.js';
import type { ImageGeometry, ImageVolume } from '../../volume/image-volume.js';
import type { ExportDataset, ExportImage, ExportLabel } from '../export-dataset.js';
import type { CaseLabelMap, CaseVolume } from './segmentation-export-input.js';

/** Fixtures for the nnU-Net and Decathlon tests, built voxel by voxel so each test says what it holds. */

function rotation(ax: number, ay: number, az: number): Mat3 {
  const [cx, sx, cy, sy, cz, sz] = [
    Math.cos(ax),
    Math.sin(ax),
    Math.cos(ay),
    Math.sin(ay),
    Math.cos(az),
    Math.sin(az),
  ];
  return multiply(
    [cz, -sz, 0, sz, cz, 0, 0, 0, 1],
    multiply([cy, 0, sy, 0, 1, 0, -sy, 0, cy], [1, 0, 0, 0, cx, -sx, 0, sx, cx]),
  );
}

/** Rotated about all three axes, voxels 0.7 × 0.9 × 3 mm: any axis or sign mix-up moves the affine. */
export const OBLIQUE: ImageGeometry = {
  dims: [9, 7, 5],
  spacing: [0.7, 0.9, 3],
  origin: [-101.5, 20.25, 33.75],
  direction: rotation(0.3, -0.2, 0.5),
};

/** Another grid (a test case's): axial, 1.5 × 1.5 × 2.5 mm. */
export const AXIAL: ImageGeometry = {
  dims: [6, 5, 4],
  spacing: [1.5, 1.5, 2.5],
  origin: [10, -20, 30],
  direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
};

export const LABELS: readonly ExportLabel[] = [
  { id: 'l-liver', name: 'liver', type: 'mask', colour: '#aa0000', classIndex: 1 },
  { id: 'l-tumour', name: 'liver tumour', type: 'mask', colour: '#00aa00', classIndex: 2 },
  { id: 'l-phase', name: 'phase', type: 'classification', colour: '#0000aa', classIndex: 3 },
];

export function exportImage(
  caseName: string,
  geometry: ImageGeometry,
  split?: ExportImage['split'],
): ExportImage {
  return {
    id: `img-${caseName}`,
    subjectId: `subj-${caseName}`,
    caseName,
    format: 'nifti',
    modality: 'CT',
    geometry,
    ...(split ? { split } : {}),
  };
}

function voxelCount(g: ImageGeometry): number {
  return g.dims[0] * g.dims[1] * g.dims[2];
}

/** Hounsfield-like int16 values that differ at every voxel, so a transposed axis shows. */
export function ramp(geometry: ImageGeometry): Int16Array {
  return Int16Array.from({ length: voxelCount(geometry) }, (_, n) => n * 3 - 500);
}

/** Class `value` where `inside` holds, 0 elsewhere. */
export function labelMapOf(
  geometry: ImageGeometry,
  paint: (i: number, j: number, k: number) => number,
): CaseLabelMap {
  const [nx, ny, nz] = geometry.dims;
  const voxels = new Uint8Array(nx * ny * nz);
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) voxels[i + nx * (j + ny * k)] = paint(i, j, k);
  }
  return { dims: geometry.dims, voxels, geometry };
}

/**
 * A real scan's case: its voxels with a label map drawn from its intensities — brighter than the mean
 * is 'liver', brighter than twice the mean 'liver tumour' — so both classes are present and uneven.
 */
export function realCase(volume: ImageVolume): { volume: ImageVolume; labelMap: CaseLabelMap } {
  let sum = 0;
  for (const v of volume.data) sum += v;
  const mean = sum / volume.data.length;
  const { dims, spacing, origin, direction } = volume;
  const [nx, ny] = dims;
  const labelMap = labelMapOf({ dims, spacing, origin, direction }, (i, j, k) => {
    const v = volume.data[i + nx * (j + ny * k)]!;
    return v > 2 * mean ? 2 : v > mean ? 1 : 0;
  });
  return { volume, labelMap };
}

/**
 * Three cases: 'case_001' (oblique, train), 'case_002' (the given real image and its label map,
 * validation) and 'case_003' (axial, test, no label map).
 */
export function threeCases(real: { volume: ImageVolume; labelMap: CaseLabelMap }) {
  const realGeometry = real.labelMap.geometry;
  const images = [
    exportImage('case_001', OBLIQUE, 'train'),
    exportImage('case_002', realGeometry, 'validation'),
    exportImage('case_003', AXIAL, 'test'),
  ];
  const dataset: ExportDataset = { name: 'Liver study', images, labels: LABELS, annotations: [] };
  // One voxel of each class at the far end of each axis: an axis mix-up moves one of them.
  const obliqueLabels = labelMapOf(OBLIQUE, (i, j, k) =>
    (i === 8 && j === 0 && k === 0) || (i === 0 && j === 0 && k === 4) ? 2 : i < 4 && j < 3 ? 1 : 0,
  );
  const volumes = new Map<string, CaseVolume>([
    ['img-case_001', { data: ramp(OBLIQUE), geometry: OBLIQUE }],
    ['img-case_002', real.volume],
    ['img-case_003', { data: Float32Array.from(ramp(AXIAL), (v) => v / 7), geometry: AXIAL }],
  ]);
  const labelMaps = new Map<string, CaseLabelMap>([
    ['img-case_001', obliqueLabels],
    ['img-case_002', real.labelMap],
  ]);
  return { dataset, images: volumes, labelMaps };
}
