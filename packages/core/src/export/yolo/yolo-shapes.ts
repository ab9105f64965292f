import type { AnnotatedPoint, AnnotationPayload } from '../../annotation/index.js';
import { decodeBinaryRle } from '../../annotation/index.js';
import { compressStraightRuns, traceOuterContours } from './trace-outer-contours.js';

/**
 * The 2D shapes YOLO can hold, in index coordinates of one slice (i right, j down), taken from annotation
 * payloads: boxes for detection, polygons for segmentation. Everything else is a reason to skip.
 */

/** An axis-aligned box between index corners (x0, y0) and (x1, y1). */
export interface IndexBox {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export type IndexPolygon = readonly (readonly [number, number])[];

export type Shapes<T> = { readonly shapes: readonly T[] } | { readonly skipped: string };

/** Options for masks traced into polygons. */
export interface MaskTracingOptions {
  /** Components with fewer foreground pixels are dropped (default 1: none). */
  readonly minArea?: number;
}

function xy(point: AnnotatedPoint): readonly [number, number] {
  return [point.index[0], point.index[1]];
}

export function boundingBox(polygon: IndexPolygon): IndexBox {
  const xs = polygon.map((p) => p[0]);
  const ys = polygon.map((p) => p[1]);
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

function skipReason(payload: AnnotationPayload): string {
  if (payload.type === 'segmentation') return 'label-map segmentations are blobs; export them as NIfTI';
  if (payload.type === 'landmark') return 'YOLO detection and segmentation hold no points';
  if (payload.type === 'classification' || payload.type === 'frameRange')
    return 'YOLO detection and segmentation hold no image-level labels';
  return `${payload.type} annotations are not boxes or regions YOLO holds`;
}

/** Whether a payload is a mask the exporter traces, and the mask's size problem if it does not fit the slice. */
function maskProblem(payload: AnnotationPayload, width: number, height: number): string | undefined {
  if (payload.type !== 'segmentation' || payload.data.representation !== 'rle') return undefined;
  const { mask } = payload.data;
  if (mask.width === width && mask.height === height) return undefined;
  return `mask is ${mask.width}×${mask.height}, the slice ${width}×${height}`;
}

/** Detection boxes: a box2d itself, a polygon's or contour's bounding box, each mask component's pixel extent. */
export function detectionBoxes(payload: AnnotationPayload, width: number, height: number): Shapes<IndexBox> {
  if (payload.type === 'box2d') {
    const { min, max } = payload.data;
    return { shapes: [{ x0: min.index[0], y0: min.index[1], x1: max.index[0], y1: max.index[1] }] };
  }
  if (payload.type === 'polygon' || payload.type === 'freehandContour')
    return { shapes: [boundingBox(payload.data.points.map(xy))] };
  if (payload.type === 'segmentation' && payload.data.representation === 'rle') {
    const problem = maskProblem(payload, width, height);
    if (problem) return { skipped: problem };
    const components = traceOuterContours(decodeBinaryRle(payload.data.mask), width, height);
    // A component covers whole pixels: its box runs from the edges of its outermost pixels.
    const shapes = components.map((c) => ({
      x0: c.minX - 0.5,
      y0: c.minY - 0.5,
      x1: c.maxX + 0.5,
      y1: c.maxY + 0.5,
    }));
    return shapes.length > 0 ? { shapes } : { skipped: 'mask is empty' };
  }
  return { skipped: skipReason(payload) };
}

/**
 * Segmentation polygons: a box2d's 4 corners, a polygon's or contour's vertices, and for a mask the outer
 * border of each component (through border pixel centres, straight runs compressed). Holes are lost.
 * A component under `minArea` pixels, or whose border has under 3 vertices (a pixel, a straight line), is
 * dropped, as Ultralytics' own mask converter does.
 */
export function segmentationPolygons(
  payload: AnnotationPayload,
  width: number,
  height: number,
  options: MaskTracingOptions = {},
): Shapes<IndexPolygon> {
  if (payload.type === 'box2d') {
    const [x0, y0] = xy(payload.data.min);
    const [x1, y1] = xy(payload.data.max);
    return {
      shapes: [
        [
          [x0, y0],
          [x1, y0],
          [x1, y1],
          [x0, y1],
        ],
      ],
    };
  }
  if (payload.type === 'polygon' || payload.type === 'freehandContour')
    return { shapes: [payload.data.points.map(xy)] };
  if (payload.type === 'segmentation' && payload.data.representation === 'rle') {
    const problem = maskProblem(payload, width, height);
    if (problem) return { skipped: problem };
    const minArea = options.minArea ?? 1;
    if (!(minArea >= 0)) throw new RangeError(`minArea must be a number ≥ 0, got ${minArea}`);
    const components = traceOuterContours(decodeBinaryRle(payload.data.mask), width, height);
    const shapes = components
      .filter((c) => c.area >= minArea)
      .map((c) => compressStraightRuns(c.points))
      .filter((polygon) => polygon.length >= 3);
    if (shapes.length > 0) return { shapes };
    return {
      skipped:
        components.length === 0
          ? 'mask is empty'
          : 'no mask component is a polygon of 3+ vertices at minArea',
    };
  }
  return { skipped: skipReason(payload) };
}
