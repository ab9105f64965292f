import { type AnnotatedPoint, parseAnnotationPayload } from '@voxelhub/core/annotation';
import { describe, expect, it } from 'vitest';
import type { AnnotationOutput, ConsensusSet, ItemDetail, QualityItem } from './quality-api.js';
import { readerColour } from './reader-colours.js';
import { initiallyVisible, masksOnSlice, reviewLayers, startSlice } from './review-layers.js';

function p(i: number, j: number, k: number): AnnotatedPoint {
  return { index: [i, j, k], patient: [i, j, k] };
}

function box(id: string, createdBy: string, k: number): AnnotationOutput {
  return {
    id,
    labelId: 'nodule',
    createdBy,
    headRevision: 1,
    payload: parseAnnotationPayload({
      schemaVersion: 1,
      type: 'box2d',
      imageRef: { imageId: 'img', sliceIndex: k },
      labelId: 'nodule',
      data: { min: p(1, 1, k), max: p(4, 4, k) },
    }),
  };
}

const labelMap: AnnotationOutput = {
  id: 'm1',
  labelId: 'liver',
  createdBy: 'u2',
  headRevision: 3,
  payload: parseAnnotationPayload({
    schemaVersion: 1,
    type: 'segmentation',
    imageRef: { imageId: 'img' },
    labelId: 'liver',
    data: {
      representation: 'labelMap',
      blobKey: 'b',
      format: 'nifti',
      segments: [{ index: 1, labelId: 'liver', name: 'Liver', colour: '#aa0000', locked: false }],
    },
  }),
};

const item: QualityItem = {
  id: 'it-1',
  imageId: null,
  seriesId: 's',
  studyUid: '1.2',
  seriesUid: '1.2.3',
  status: 'disputed',
  readers: [
    { userId: 'u1', displayName: 'Ana', taskId: 't1', taskStatus: 'done' },
    { userId: 'u2', displayName: 'Mo', taskId: 't2', taskStatus: 'done' },
    { userId: 'u3', displayName: 'Li', taskId: 't3', taskStatus: 'done' },
  ],
  agreement: [],
  error: null,
  format: null,
  dims: null,
  computedAt: null,
  worst: 0.5,
  consensusId: 'c',
  createdAt: '2026-03-01T00:00:00Z',
  updatedAt: '2026-03-01T00:00:00Z',
};

const consensus: ConsensusSet = {
  id: 'c',
  itemId: 'it-1',
  status: 'proposed',
  method: 'automatic',
  labels: [],
  inputs: [],
  createdBy: null,
  createdAt: '2026-03-01T00:00:00Z',
  acceptedBy: null,
  acceptedAt: null,
};

const detail: ItemDetail = {
  item,
  annotations: [
    { readerId: 'u2', annotations: [labelMap, box('b2', 'u2', 6)] },
    { readerId: 'u1', annotations: [box('b1', 'u1', 5)] },
  ],
  consensus,
  consensusAnnotations: [box('cb', 'system', 5)],
  // The server could not read Mo's label map (no list for it): the payloads decide.
  maskSlices: [],
};

describe('reviewLayers', () => {
  it('gives each reader, in item order, their colour, key number, shapes and masks on the slice', () => {
    const layers = reviewLayers('p', detail, 5);
    expect(layers.map((l) => [l.sourceId, l.name, l.number, l.colour])).toEqual([
      ['u1', 'Ana', 1, readerColour(0)],
      ['u2', 'Mo', 2, readerColour(1)],
      ['u3', 'Li', 3, readerColour(2)],
      ['consensus', 'Consensus (proposed)', null, '#FFFFFF'],
    ]);
    expect(layers[0]!.shapes.map((s) => s.annotationId)).toEqual(['b1']);
    // Mo's box is on slice 6, his label map on every slice.
    expect(layers[1]!.shapes).toEqual([]);
    expect(layers[1]!.maskUrls).toEqual([
      { labelId: 'liver', url: '/api/projects/p/items/it-1/masks/liver.png?source=u2&slice=5' },
    ]);
    // Li drew nothing: still a layer, empty.
    expect(layers[2]!.shapes).toEqual([]);
    expect(layers[3]!.shapes.map((s) => s.annotationId)).toEqual(['cb']);
  });

  it('asks for a listed mask only on the slices the server found it on, the rest as the payloads say', () => {
    // Mo's liver label map is marked on slices 3 and 4 only; the consensus's liver on 5.
    const listed: ItemDetail = {
      ...detail,
      maskSlices: [
        { labelId: 'liver', source: 'u2', slices: [3, 4] },
        { labelId: 'liver', source: 'consensus', slices: [5] },
      ],
    };
    expect(reviewLayers('p', listed, 5)[1]!.maskUrls).toEqual([]);
    expect(reviewLayers('p', listed, 4)[1]!.maskUrls).toEqual([
      { labelId: 'liver', url: '/api/projects/p/items/it-1/masks/liver.png?source=u2&slice=4' },
    ]);
    // The consensus has no segmentation payload here, yet the server's list shows its mask.
    expect(reviewLayers('p', listed, 5)[3]!.maskUrls).toEqual([
      { labelId: 'liver', url: '/api/projects/p/items/it-1/masks/liver.png?source=consensus&slice=5' },
    ]);
    expect(masksOnSlice(listed.maskSlices, [labelMap], 'u2', 2)).toEqual([]);
    // A source without a list keeps the payload's guess: a label map shows on every slice.
    expect(masksOnSlice(listed.maskSlices, [labelMap], 'u1', 2)).toEqual(['liver']);
  });

  it('has no consensus layer without a consensus', () => {
    expect(reviewLayers('p', { ...detail, consensus: null }, 5).map((l) => l.sourceId)).toEqual([
      'u1',
      'u2',
      'u3',
    ]);
  });
});

describe('opening the screen', () => {
  it('shows every reader and not the consensus', () => {
    expect([...initiallyVisible(detail)]).toEqual(['u1', 'u2', 'u3']);
  });

  it('opens on the first annotated slice, else the middle', () => {
    expect(startSlice(detail, 20)).toBe(5);
    expect(startSlice({ ...detail, annotations: [], consensusAnnotations: [] }, 20)).toBe(9);
    // Annotations beyond the slices shown (a bad index) are ignored.
    expect(startSlice(detail, 5)).toBe(2);
    expect(startSlice(detail, 0)).toBe(0);
  });

  it('opens on the first slice with a mask when masks come before any vector annotation', () => {
    const masked = { ...detail, maskSlices: [{ labelId: 'liver', source: 'u2', slices: [3, 4] }] };
    expect(startSlice(masked, 20)).toBe(3);
    // Only masks, and none inside the slices shown: the middle.
    const outside = { ...masked, annotations: [], consensusAnnotations: [] };
    expect(startSlice(outside, 3)).toBe(1);
  });
});
