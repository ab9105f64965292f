import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { IDENTITY3, type ImageGeometry, type ImageVolume, writeNifti } from '@voxelhub/core';
import { labelMapToNifti } from '@voxelhub/core/segmentation';
import { pngBytes, TESTDATA } from '../import/import-test-files.js';
import { writeTestRtstruct } from './test-rtstruct.js';

/**
 * Test support: small dataset folders in the layouts public datasets ship in, written with core's writers
 * (NIfTI), the import tests' PNG writer and real DICOM from the shared test data.
 */

export const GRID: ImageGeometry = {
  dims: [6, 5, 4],
  spacing: [0.9, 0.8, 2.5],
  origin: [-10, 20, 30],
  direction: IDENTITY3,
};

function put(root: string, path: string, bytes: Uint8Array | string): void {
  const target = join(root, ...path.split('/'));
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, bytes);
}

/** An int16 volume on GRID whose voxels differ by `seed` (so no two cases share content). */
function volumeNifti(seed: number): Uint8Array {
  const count = GRID.dims[0] * GRID.dims[1] * GRID.dims[2];
  const image: ImageVolume = {
    kind: 'volume',
    ...GRID,
    timepoints: 1,
    dataType: 'int16',
    samplesPerPixel: 1,
    photometricInterpretation: 'MONOCHROME2',
    data: Int16Array.from({ length: count }, (_, i) => (i * 7 + seed * 13) % 300),
    meta: {},
    warnings: [],
  };
  return gzipSync(writeNifti(image));
}

/** A label map on GRID with values 0–2 in a pattern that depends on `seed`. */
export function testLabelMap(seed: number): Uint8Array {
  const count = GRID.dims[0] * GRID.dims[1] * GRID.dims[2];
  return Uint8Array.from({ length: count }, (_, i) =>
    (i + seed) % 5 === 0 ? 1 : (i + seed) % 7 === 0 ? 2 : 0,
  );
}

const labelNifti = (seed: number) =>
  labelMapToNifti({ dims: GRID.dims, voxels: testLabelMap(seed) }, GRID, { gzip: true });

/** Task09_Test: training cases case_0 and case_1 with label maps, test case case_2 (Decathlon layout). */
export function writeMsdFolder(root: string, options: { dropLabel?: boolean } = {}): void {
  const task = 'Task09_Test';
  put(
    root,
    `${task}/dataset.json`,
    JSON.stringify({
      name: 'Test',
      description: 'two training cases, one test',
      tensorImageSize: '3D',
      modality: { '0': 'CT' },
      labels: { '0': 'background', '1': 'liver', '2': 'tumour' },
      numTraining: 2,
      numTest: 1,
      training: [0, 1].map((i) => ({
        image: `./imagesTr/case_${i}.nii.gz`,
        label: `./labelsTr/case_${i}.nii.gz`,
      })),
      test: ['./imagesTs/case_2.nii.gz'],
    }),
  );
  for (const i of [0, 1]) {
    put(root, `${task}/imagesTr/case_${i}.nii.gz`, volumeNifti(i));
    if (!(options.dropLabel && i === 1)) put(root, `${task}/labelsTr/case_${i}.nii.gz`, labelNifti(i));
  }
  put(root, `${task}/imagesTs/case_2.nii.gz`, volumeNifti(2));
}

/** Dataset004_Test: two training cases of two channels each, one test case (nnU-Net v2 layout). */
export function writeNnunetFolder(root: string): void {
  const top = 'Dataset004_Test';
  put(
    root,
    `${top}/dataset.json`,
    JSON.stringify({
      channel_names: { '0': 'T1', '1': 'T2' },
      labels: { background: 0, organ: 1, lesion: 2 },
      numTraining: 2,
      file_ending: '.nii.gz',
    }),
  );
  for (const i of [0, 1]) {
    for (const c of [0, 1]) put(root, `${top}/imagesTr/pat_${i}_000${c}.nii.gz`, volumeNifti(10 + i * 2 + c));
    put(root, `${top}/labelsTr/pat_${i}.nii.gz`, labelNifti(10 + i));
  }
  for (const c of [0, 1]) put(root, `${top}/imagesTs/pat_9_000${c}.nii.gz`, volumeNifti(20 + c));
}

/** ChestX-ray14 style: images/ of PNGs and Data_Entry.csv with 'Finding Labels' and 'View Position'. */
export const CHEST_ROWS = [
  ['00000001_000.png', 'Cardiomegaly|Effusion', 'PA'],
  ['00000001_001.png', 'No Finding', 'AP'],
  ['00000002_000.png', 'Effusion', 'PA'],
] as const;

export function writeChestFolder(root: string, options: { missingImage?: string } = {}): void {
  for (const [i, [name]] of CHEST_ROWS.entries()) put(root, `chest/images/${name}`, pngBytes(16, 12, i * 40));
  const rows = [...CHEST_ROWS, ...(options.missingImage ? [[options.missingImage, 'Effusion', 'PA']] : [])];
  put(
    root,
    'chest/Data_Entry.csv',
    `Image Index,Finding Labels,View Position\n${rows.map((r) => r.join(',')).join('\n')}\n`,
  );
}

/** A COCO file over two PNGs in images/: a box on the first, a polygon on the second. */
export function writeCocoFolder(root: string): void {
  put(root, 'coco/images/a.png', pngBytes(32, 24, 1));
  put(root, 'coco/images/b.png', pngBytes(32, 24, 90));
  put(
    root,
    'coco/annotations/instances.json',
    JSON.stringify({
      images: [
        { id: 1, file_name: 'a.png', width: 32, height: 24 },
        { id: 2, file_name: 'b.png', width: 32, height: 24 },
      ],
      categories: [
        { id: 7, name: 'nodule' },
        { id: 8, name: 'vessel' },
      ],
      annotations: [
        { id: 1, image_id: 1, category_id: 7, bbox: [2, 3, 10, 8], area: 80, iscrowd: 0, segmentation: [] },
        {
          id: 2,
          image_id: 2,
          category_id: 8,
          bbox: [4, 4, 12, 10],
          area: 60,
          iscrowd: 0,
          segmentation: [[4, 4, 16, 4, 16, 14, 4, 14]],
        },
      ],
    }),
  );
}

export const CT_3SLICE = join(TESTDATA, 'dcmqi/segmentations/ct-3slice');
export const LIVER_SEG = join(TESTDATA, 'pydicom-data/liver.dcm');

/** A DICOM folder: the dcmqi CT (3 slices), the DICOM SEG of its liver, an RTSTRUCT drawn on it, a LICENSE. */
export function writeDicomFolder(root: string): void {
  const ct = ['01.dcm', '02.dcm', '03.dcm'].map((f) => join(CT_3SLICE, f));
  mkdirSync(join(root, 'study/CT'), { recursive: true });
  mkdirSync(join(root, 'study/SEG'), { recursive: true });
  mkdirSync(join(root, 'study/RTSTRUCT'), { recursive: true });
  for (const [i, f] of ct.entries()) copyFileSync(f, join(root, `study/CT/IM${i + 1}`));
  copyFileSync(LIVER_SEG, join(root, 'study/SEG/liver.dcm'));
  writeTestRtstruct(ct, join(root, 'study/RTSTRUCT/structures.dcm'));
  // Downloads carry a licence; with no extension it is a DICOM candidate until read.
  writeFileSync(join(root, 'study/LICENSE'), 'CC BY 4.0\n');
}

/** A YOLO detection dataset: data.yaml, two PNGs in images/train and images/val, a label file for each. */
export function writeYoloFolder(root: string): void {
  put(
    root,
    'yolo/data.yaml',
    'path: .\ntrain: images/train\nval: images/val\nnames:\n  0: cell\n  1: debris\n',
  );
  put(root, 'yolo/images/train/a.png', pngBytes(40, 20, 3));
  put(root, 'yolo/images/val/b.png', pngBytes(40, 20, 77));
  // Centre (20, 10), 10 × 4 pixels: columns 15–25, rows 8–12.
  put(root, 'yolo/labels/train/a.txt', '0 0.5 0.5 0.25 0.2\n');
  put(root, 'yolo/labels/val/b.txt', '1 0.25 0.5 0.1 0.2\n0 0.75 0.5 0.1 0.2\n');
}
