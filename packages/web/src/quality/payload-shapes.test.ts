import {
  type AnnotatedPoint,
  type AnnotationPayload,
  parseAnnotationPayload,
  SCT,
  UCUM,
} from '@voxelhub/core/annotation';
import { describe, expect, it } from 'vitest';
import { annotatedSlices, shapeOnSlice, shapesOnSlice, sliceOfPayload } from './payload-shapes.js';

/** Index (i, j, k) with patient = index × 1 mm: square pixels, so lengths in index and mm agree. */
function p(i: number, j: number, k = 0): AnnotatedPoint {
  return { index: [i, j, k], patient: [i, j, k] };
}

/** A payload as the server would return it, checked by core's own parser so the shapes are real ones. */
function payload(
  type: string,
  data: unknown,
  imageRef: object = { imageId: 'img', sliceIndex: 4 },
): AnnotationPayload {
  return parseAnnotationPayload({
    schemaVersion: type === 'landmark' ? 2 : 1,
    type,
    imageRef,
    labelId: 'l',
    data,
  });
}

describe('shapeOnSlice', () => {
  it('shifts index coordinates by half a pixel: voxel 0 covers SVG 0 … 1', () => {
    // A box from voxel centre (2, 3) to (10, 7): SVG corner (2.5, 3.5), size 8 × 4.
    expect(shapeOnSlice(payload('box2d', { min: p(2, 3, 4), max: p(10, 7, 4) }), 4)).toEqual({
      kind: 'rect',
      x: 2.5,
      y: 3.5,
      width: 8,
      height: 4,
    });
  });

  it('draws only on the slice the annotation was drawn on', () => {
    const box = payload('box2d', { min: p(2, 3, 4), max: p(10, 7, 4) });
    expect(shapeOnSlice(box, 3)).toBeNull();
    const onFrame = payload(
      'polygon',
      { points: [p(0, 0, 2), p(4, 0, 2), p(4, 4, 2)] },
      { imageId: 'img', frameIndex: 2 },
    );
    expect(sliceOfPayload(onFrame)).toBe(2);
    expect(shapeOnSlice(onFrame, 2)).toEqual({ kind: 'polygon', points: '0.5,0.5 4.5,0.5 4.5,4.5' });
  });

  it('closes polygons and contours and leaves polylines open', () => {
    const contour = payload('freehandContour', { points: [p(1, 1, 4), p(2, 1, 4), p(2, 2, 4)] });
    expect(shapeOnSlice(contour, 4)?.kind).toBe('polygon');
    const line = payload('polyline', { points: [p(1, 1, 4), p(5, 1, 4)] });
    expect(shapeOnSlice(line, 4)).toEqual({ kind: 'polyline', points: '1.5,1.5 5.5,1.5' });
  });

  it('draws a length as a line and a landmark as a named point', () => {
    const length = payload('length', {
      points: [p(0, 0, 4), p(3, 4, 4)],
      concept: SCT.length,
      value: 5,
      unit: UCUM.millimetre,
    });
    expect(shapeOnSlice(length, 4)).toEqual({ kind: 'line', x1: 0.5, y1: 0.5, x2: 3.5, y2: 4.5 });
    // A landmark may carry no slice in its image reference: its point's k says where it is.
    const landmark = payload('landmark', { name: 'carina', point: p(6, 8, 4.2) }, { imageId: 'img' });
    expect(sliceOfPayload(landmark)).toBe(4);
    expect(shapeOnSlice(landmark, 4)).toEqual({ kind: 'point', x: 6.5, y: 8.5, name: 'carina' });
  });

  it('shows a 3D box on every slice it spans', () => {
    const box = payload('box3d', { min: p(1, 1, 2), max: p(3, 3, 5) }, { imageId: 'img' });
    expect(shapeOnSlice(box, 1)).toBeNull();
    expect(shapeOnSlice(box, 2)).toEqual({ kind: 'rect', x: 1.5, y: 1.5, width: 2, height: 2 });
    expect(shapeOnSlice(box, 5)).not.toBeNull();
    expect(shapeOnSlice(box, 6)).toBeNull();
  });

  it('gives no shape for a classification', () => {
    const answer = parseAnnotationPayload({
      schemaVersion: 1,
      type: 'classification',
      imageRef: { imageId: 'img' },
      labelId: 'l',
      data: { level: 'image', value: { kind: 'single', choice: 'yes' } },
    });
    expect(shapeOnSlice(answer, 0)).toBeNull();
  });
});

describe('shapesOnSlice and annotatedSlices', () => {
  const annotations = [
    { id: 'a1', labelId: 'l', payload: payload('box2d', { min: p(0, 0, 4), max: p(1, 1, 4) }) },
    {
      id: 'a2',
      labelId: 'l',
      payload: payload('polyline', { points: [p(0, 0, 7), p(1, 1, 7)] }, { imageId: 'img', sliceIndex: 7 }),
    },
    {
      id: 'a3',
      labelId: 'l',
      payload: payload('box3d', { min: p(0, 0, 6.5), max: p(1, 1, 8.5) }, { imageId: 'img' }),
    },
  ];

  it('keeps the annotations of the slice, with their ids', () => {
    expect(shapesOnSlice(annotations, 7).map((s) => s.annotationId)).toEqual(['a2', 'a3']);
    expect(shapesOnSlice(annotations, 4).map((s) => s.annotationId)).toEqual(['a1']);
  });

  it('lists the slices with something to see', () => {
    // The 3D box spans k 6.5 … 8.5: slices 7 and 8.
    expect(annotatedSlices(annotations)).toEqual([4, 7, 8]);
  });
});
