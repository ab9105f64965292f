import type { AnnotationPayload } from '@voxelhub/core/annotation';
import { cocoFiles, cocoFromDataset, type ExportDataset, type ExportImage } from '@voxelhub/core/export';
import { IDENTITY3 } from '@voxelhub/core/geometry';
import { describe, expect, it } from 'vitest';
import { CocoParts } from './coco-parts.js';

function image(id: string, split: ExportImage['split'], planes: number): ExportImage {
  return {
    id,
    subjectId: id,
    caseName: `case_${id}`,
    format: 'nifti',
    modality: 'CT',
    geometry: { dims: [8, 6, planes], spacing: [1, 1, 1], origin: [0, 0, 0], direction: IDENTITY3 },
    ...(split ? { split } : {}),
  };
}

function box(imageId: string, labelId: string, k: number, x: number): AnnotationPayload {
  const point = (i: number, j: number) => ({
    index: [i, j, k] as [number, number, number],
    patient: [i, j, k] as [number, number, number],
  });
  return {
    schemaVersion: 1,
    type: 'box2d',
    imageRef: { imageId, sliceIndex: k },
    labelId,
    data: { min: point(x, 1), max: point(x + 2, 3) },
  } as AnnotationPayload;
}

const DATASET: ExportDataset = {
  name: 'parts',
  images: [image('a', 'train', 3), image('b', 'test', 1), image('c', 'train', 2)],
  labels: [
    { id: 'n', name: 'nodule', type: 'box', colour: '#ff0000', classIndex: 1 },
    { id: 'm', name: 'mass', type: 'box', colour: '#00ff00', classIndex: 2 },
  ],
  annotations: [
    { id: 'x1', imageId: 'a', labelId: 'n', payload: box('a', 'n', 2, 1) },
    { id: 'x2', imageId: 'b', labelId: 'm', payload: box('b', 'm', 0, 3) },
    { id: 'x3', imageId: 'c', labelId: 'm', payload: box('c', 'm', 1, 2) },
    { id: 'x4', imageId: 'c', labelId: 'n', payload: box('c', 'n', 0, 4) },
  ],
};

const parsed = (files: { path: string; bytes: Uint8Array }[]) =>
  Object.fromEntries(files.map((f) => [f.path, JSON.parse(new TextDecoder().decode(f.bytes))]));

describe('CocoParts', () => {
  it('gives, a case at a time, the files core writes for the whole dataset', () => {
    const createdAt = new Date('2026-11-28T00:00:00Z');
    const parts = new CocoParts();
    for (const img of DATASET.images) {
      const part = {
        ...DATASET,
        images: [img],
        annotations: DATASET.annotations.filter((a) => a.imageId === img.id),
      };
      parts.add(img.split, cocoFromDataset(part, { createdAt }).coco);
    }
    const whole = parsed(cocoFiles(DATASET, { createdAt }));
    expect(Object.keys(whole)).toEqual([
      'annotations/instances_train.json',
      'annotations/instances_test.json',
    ]);
    expect(parsed(parts.files())).toEqual(whole);
  });

  it('writes annotations.json when no image has a split', () => {
    const plain = { ...DATASET, images: DATASET.images.map(({ split: _split, ...rest }) => rest) };
    const parts = new CocoParts();
    for (const img of plain.images) {
      const part = {
        ...plain,
        images: [img],
        annotations: plain.annotations.filter((a) => a.imageId === img.id),
      };
      parts.add(undefined, cocoFromDataset(part).coco);
    }
    expect(parsed(parts.files())).toEqual(parsed(cocoFiles(plain)));
  });
});
