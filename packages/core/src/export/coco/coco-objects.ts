import type { AnnotatedPoint, AnnotationPayloadOf, Segment } from '../../annotation/index.js';
import { decodeBinaryRle } from '../../annotation/index.js';
import type { LabelMap } from '../../segmentation/label-map.js';
import type { CocoSegmentation } from './coco-format.js';
import { cocoPolygonArea, cocoPolygonBbox } from './coco-polygon.js';
import { type CocoBbox, cocoRleArea, cocoRleBbox, compressCocoRle, encodeCocoRle } from './coco-rle.js';

/**
 * One COCO object before ids are given: the plane (slice or frame k) it lies on, the label it is of, and its
 * geometry in COCO pixel coordinates.
 *
 * Pixel coordinates: COCO puts (0, 0) at the top-left corner of the top-left pixel, so a pixel's centre is at
 * (i + 0.5, j + 0.5); Voxelhub's continuous index puts the centre at (i, j). Hence x = i + 0.5, y = j + 0.5.
 */
export interface CocoObject {
  readonly k: number;
  readonly labelId: string;
  readonly bbox: CocoBbox;
  readonly area: number;
  readonly segmentation: CocoSegmentation;
}

export interface CocoObjectContext {
  readonly width: number;
  readonly height: number;
  readonly planes: number;
  /** Decimal places kept in coordinates and areas. */
  readonly decimals: number;
  readonly rle: 'compressed' | 'uncompressed';
}

/** A list of objects, or the reason an annotation has none. */
export type CocoObjectsResult = { readonly objects: readonly CocoObject[] } | { readonly skipped: string };

export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  // + 0 turns -0 into 0, which JSON would print as 0 anyway but toEqual would not.
  return Math.round(value * factor) / factor + 0;
}

/** Index i (or j) → COCO x (or y), clamped to the image edges [0, size]. */
function pixelCoordinate(index: number, size: number, decimals: number): number {
  return roundTo(Math.min(size, Math.max(0, index + 0.5)), decimals);
}

function roundBbox(bbox: CocoBbox, decimals: number): CocoBbox {
  return [bbox[0], bbox[1], roundTo(bbox[2], decimals), roundTo(bbox[3], decimals)];
}

export function box2dObjects(
  payload: AnnotationPayloadOf<'box2d'>,
  k: number,
  context: CocoObjectContext,
): CocoObjectsResult {
  const { min, max } = payload.data;
  const [x0, x1] = [min.index[0], max.index[0]].map((i) =>
    pixelCoordinate(i, context.width, context.decimals),
  );
  const [y0, y1] = [min.index[1], max.index[1]].map((j) =>
    pixelCoordinate(j, context.height, context.decimals),
  );
  const bbox = roundBbox([x0!, y0!, x1! - x0!, y1! - y0!], context.decimals);
  if (bbox[2] === 0 || bbox[3] === 0) return { skipped: 'the box lies outside the image' };
  const area = roundTo(bbox[2] * bbox[3], context.decimals);
  return { objects: [{ k, labelId: payload.labelId, bbox, area, segmentation: [] }] };
}

export function contourObjects(
  payload: AnnotationPayloadOf<'polygon' | 'freehandContour'>,
  k: number,
  context: CocoObjectContext,
): CocoObjectsResult {
  const polygon = payload.data.points.flatMap((point: AnnotatedPoint) => [
    pixelCoordinate(point.index[0], context.width, context.decimals),
    pixelCoordinate(point.index[1], context.height, context.decimals),
  ]);
  const bbox = roundBbox(cocoPolygonBbox(polygon), context.decimals);
  const area = roundTo(cocoPolygonArea(polygon), context.decimals);
  return { objects: [{ k, labelId: payload.labelId, bbox, area, segmentation: [polygon] }] };
}

/** One mask (x fastest, width × height of the image) as an object; undefined when it is empty. */
function maskObject(mask: ArrayLike<number>, k: number, labelId: string, context: CocoObjectContext) {
  const uncompressed = encodeCocoRle(mask, context.width, context.height);
  const area = cocoRleArea(uncompressed);
  if (area === 0) return undefined;
  const rle = context.rle === 'compressed' ? compressCocoRle(uncompressed) : uncompressed;
  const segmentation = { size: [...rle.size], counts: rle.counts } as CocoSegmentation;
  return { k, labelId, bbox: cocoRleBbox(uncompressed), area, segmentation };
}

export function rleSegmentationObjects(
  data: Extract<AnnotationPayloadOf<'segmentation'>['data'], { representation: 'rle' }>,
  k: number,
  context: CocoObjectContext,
): CocoObjectsResult {
  const { width, height } = data.mask;
  if (width !== context.width || height !== context.height)
    return { skipped: `the mask is ${width}×${height}, the image ${context.width}×${context.height}` };
  const object = maskObject(decodeBinaryRle(data.mask), k, data.segment.labelId, context);
  return object ? { objects: [object] } : { skipped: 'the mask is empty' };
}

/** One RLE per slice per segment present on it, in slice order then segment order. */
export function labelMapObjects(
  segments: readonly Segment[],
  labelMap: LabelMap | undefined,
  context: CocoObjectContext,
): CocoObjectsResult {
  if (!labelMap) return { skipped: 'the label map voxels were not given (options.labelMaps)' };
  const [nx, ny, nz] = labelMap.dims;
  if (nx !== context.width || ny !== context.height || nz !== context.planes)
    return {
      skipped: `the label map is ${nx}×${ny}×${nz}, the image ${context.width}×${context.height}×${context.planes}`,
    };
  if (labelMap.voxels.length !== nx * ny * nz)
    return { skipped: `the label map has ${labelMap.voxels.length} voxels, not ${nx}×${ny}×${nz}` };
  const objects: CocoObject[] = [];
  const sliceSize = nx * ny;
  for (let k = 0; k < nz; k++) {
    const slice = labelMap.voxels.subarray(k * sliceSize, (k + 1) * sliceSize);
    const present = new Set(slice);
    for (const segment of segments) {
      if (!present.has(segment.index)) continue;
      const mask = slice.map((value) => (value === segment.index ? 1 : 0));
      const object = maskObject(mask, k, segment.labelId, context);
      if (object) objects.push(object);
    }
  }
  return objects.length > 0 ? { objects } : { skipped: 'the label map holds none of its segments' };
}
