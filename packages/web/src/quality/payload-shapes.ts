import type { AnnotationPayload } from '@voxelhub/core/annotation';

/**
 * Vector annotations as SVG shapes on one slice, in the pixel space of the slice image: an <svg> whose
 * viewBox is `0 0 width height` lays them over the <img>. Index coordinates put voxel centres on integers
 * (voxel i spans i − 0.5 … i + 0.5), pixel edges are on integers in SVG, hence the half-pixel shift.
 * Masks, classifications and frame ranges are not vector shapes: they give no shape here.
 */
export type SvgShape =
  | {
      readonly kind: 'rect';
      readonly x: number;
      readonly y: number;
      readonly width: number;
      readonly height: number;
    }
  | { readonly kind: 'polygon'; readonly points: string }
  | { readonly kind: 'polyline'; readonly points: string }
  | {
      readonly kind: 'line';
      readonly x1: number;
      readonly y1: number;
      readonly x2: number;
      readonly y2: number;
    }
  | { readonly kind: 'point'; readonly x: number; readonly y: number; readonly name: string }
  | {
      readonly kind: 'ellipse';
      readonly cx: number;
      readonly cy: number;
      readonly rx: number;
      readonly ry: number;
      /** Degrees, clockwise in SVG's y-down frame. */
      readonly rotation: number;
    };

export interface PlacedShape {
  readonly annotationId: string;
  readonly labelId: string;
  readonly shape: SvgShape;
}

type Index = readonly [number, number, number];
interface Pointish {
  readonly index: Index;
}

const HALF = 0.5;

function xy(p: Pointish): [number, number] {
  return [p.index[0] + HALF, p.index[1] + HALF];
}

function pointList(points: readonly Pointish[]): string {
  return points.map((p) => xy(p).map(round).join(',')).join(' ');
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function rectOf(min: Pointish, max: Pointish): SvgShape {
  const [x0, y0] = xy(min);
  const [x1, y1] = xy(max);
  return { kind: 'rect', x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

function distance(a: Pointish, b: Pointish): number {
  return Math.hypot(a.index[0] - b.index[0], a.index[1] - b.index[1]);
}

/**
 * The slice (or frame) a planar payload lies on: its image reference's sliceIndex or frameIndex, else the k of
 * its first point (a landmark may be stored without either). Undefined for whole-image payloads.
 */
export function sliceOfPayload(payload: AnnotationPayload): number | undefined {
  const ref = payload.imageRef;
  if (ref.sliceIndex !== undefined) return ref.sliceIndex;
  if (ref.frameIndex !== undefined) return ref.frameIndex;
  if (payload.type === 'landmark') return Math.round(payload.data.point.index[2]);
  return undefined;
}

/** The payload's shape when it shows on slice k; null when it does not (another slice, or no vector shape). */
export function shapeOnSlice(payload: AnnotationPayload, slice: number): SvgShape | null {
  if (payload.type === 'box3d') {
    const { min, max } = payload.data;
    return slice >= min.index[2] && slice <= max.index[2] ? rectOf(min, max) : null;
  }
  if (sliceOfPayload(payload) !== slice) return null;
  return planarShape(payload);
}

function planarShape(payload: AnnotationPayload): SvgShape | null {
  switch (payload.type) {
    case 'box2d':
      return rectOf(payload.data.min, payload.data.max);
    case 'rectangleRoi':
      return rectOf(payload.data.box.min, payload.data.box.max);
    case 'polygon':
    case 'freehandContour':
      return { kind: 'polygon', points: pointList(payload.data.points) };
    case 'polyline':
    case 'angle':
      return { kind: 'polyline', points: pointList(payload.data.points) };
    case 'length': {
      const [[x1, y1], [x2, y2]] = payload.data.points.map(xy) as [[number, number], [number, number]];
      return { kind: 'line', x1, y1, x2, y2 };
    }
    case 'landmark': {
      const [x, y] = xy(payload.data.point);
      return { kind: 'point', x, y, name: payload.data.name };
    }
    case 'circleRoi': {
      // Drawn in index space: a circle on square pixels, which is what the tools produce.
      const [cx, cy] = xy(payload.data.center);
      const r = distance(payload.data.center, payload.data.edge);
      return { kind: 'ellipse', cx, cy, rx: r, ry: r, rotation: 0 };
    }
    case 'ellipseRoi': {
      const { center, axisEnds } = payload.data;
      const [cx, cy] = xy(center);
      const [a, b] = axisEnds;
      const rotation =
        (Math.atan2(a.index[1] - center.index[1], a.index[0] - center.index[0]) * 180) / Math.PI;
      return { kind: 'ellipse', cx, cy, rx: distance(center, a), ry: distance(center, b), rotation };
    }
    default:
      return null;
  }
}

/** Every shape of these annotations on slice k, in their order. */
export function shapesOnSlice(
  annotations: readonly {
    readonly id: string;
    readonly labelId: string;
    readonly payload: AnnotationPayload;
  }[],
  slice: number,
): PlacedShape[] {
  return annotations.flatMap((a) => {
    const shape = shapeOnSlice(a.payload, slice);
    return shape ? [{ annotationId: a.id, labelId: a.labelId, shape }] : [];
  });
}

/** The slices that hold at least one vector shape of these annotations, ascending (to jump to them). */
export function annotatedSlices(annotations: readonly { readonly payload: AnnotationPayload }[]): number[] {
  const slices = new Set<number>();
  for (const { payload } of annotations) {
    if (payload.type === 'box3d') {
      const { min, max } = payload.data;
      for (let k = Math.ceil(min.index[2]); k <= Math.floor(max.index[2]); k++) slices.add(k);
      continue;
    }
    const slice = sliceOfPayload(payload);
    if (slice !== undefined && planarShape(payload)) slices.add(slice);
  }
  return [...slices].sort((a, b) => a - b);
}
