import {
  type AnnotatedPoint,
  type AnnotationPayloadOf,
  CURRENT_SCHEMA_VERSIONS,
  parseAnnotationPayload,
} from '@voxelhub/core/annotation';
import type { ImageGeometry, Vec3 } from './core-geometry.js';
import { CORNERSTONE_TOOL, type CornerstoneToolAnnotation } from './cornerstone-annotation.js';
import { CornerstoneMappingError } from './cornerstone-to-payload.js';
import { ImagePlanePoints } from './image-plane-points.js';

export type Box3dPayload = AnnotationPayloadOf<'box3d'>;

/** The slices a 3D box covers: those whose centre lies inside it (k − 0.5 … k + 0.5 is one slice). */
export function box3dSlices(payload: Box3dPayload): { readonly first: number; readonly last: number } {
  return {
    first: Math.ceil(payload.data.min.index[2] - 0.5 + 1e-9),
    last: Math.floor(payload.data.max.index[2] + 0.5 - 1e-9),
  };
}

export function box3dCoversSlice(payload: Box3dPayload, k: number): boolean {
  const { first, last } = box3dSlices(payload);
  return k >= first && k <= last;
}

const point = (geometry: ImageGeometry, index: Vec3): AnnotatedPoint =>
  new ImagePlanePoints(geometry, { imageId: 'box', sliceIndex: Math.round(index[2]) }).fromIndex(index);

/**
 * A 3D box from the rectangle drawn or moved on slice `k` (a `Box3D` tool annotation): the rectangle gives
 * the in-plane extent; the slice range is `slices` (the box's own, or just slice k for a new box).
 */
export function box3dFromCornerstone(
  annotation: CornerstoneToolAnnotation,
  context: {
    readonly geometry: ImageGeometry;
    readonly imageId: string;
    readonly labelId: string;
    readonly k: number;
    readonly slices?: { readonly first: number; readonly last: number };
  },
): Box3dPayload {
  const corners = annotation.data.handles.points;
  if (corners.length < 4) throw new CornerstoneMappingError('a 3D box needs its four rectangle corners');
  const plane = new ImagePlanePoints(context.geometry, { imageId: context.imageId, sliceIndex: context.k });
  const indices = corners.map((c) => plane.fromWorld(c).index);
  const span = (axis: 0 | 1) => [
    Math.min(...indices.map((p) => p[axis]!)),
    Math.max(...indices.map((p) => p[axis]!)),
  ];
  const [iMin, iMax] = span(0) as [number, number];
  const [jMin, jMax] = span(1) as [number, number];
  const first = context.slices?.first ?? context.k;
  const last = context.slices?.last ?? context.k;
  return parseAnnotationPayload({
    schemaVersion: CURRENT_SCHEMA_VERSIONS.box3d,
    type: 'box3d',
    labelId: context.labelId,
    imageRef: { imageId: context.imageId },
    data: {
      min: point(context.geometry, [iMin, jMin, first - 0.5]),
      max: point(context.geometry, [iMax, jMax, last + 0.5]),
    },
  }) as Box3dPayload;
}

/** The same box with its slice range moved to include slice k as its first or last slice. */
export function box3dWithSliceEnd(
  payload: Box3dPayload,
  geometry: ImageGeometry,
  end: 'first' | 'last',
  k: number,
): Box3dPayload {
  const { first, last } = box3dSlices(payload);
  const [newFirst, newLast] =
    end === 'first' ? [Math.min(k, last), Math.max(k, last)] : [Math.min(first, k), Math.max(first, k)];
  const { min, max } = payload.data;
  return parseAnnotationPayload({
    ...payload,
    data: {
      min: point(geometry, [min.index[0], min.index[1], newFirst - 0.5]),
      max: point(geometry, [max.index[0], max.index[1], newLast + 0.5]),
    },
  }) as Box3dPayload;
}

/** The rectangle a 3D box shows on slice k, as a `Box3D` tool annotation. */
export function box3dToCornerstone(
  payload: Box3dPayload,
  context: {
    readonly geometry: ImageGeometry;
    readonly annotationUID: string;
    readonly k: number;
    readonly referencedImageId: string;
  },
): CornerstoneToolAnnotation {
  const plane = new ImagePlanePoints(context.geometry, {
    imageId: payload.imageRef.imageId,
    sliceIndex: context.k,
  });
  const { min, max } = payload.data;
  const corner = (i: number, j: number) => plane.toWorld({ index: [i, j, context.k], patient: [0, 0, 0] });
  return {
    annotationUID: context.annotationUID,
    metadata: {
      toolName: CORNERSTONE_TOOL.box3d,
      referencedImageId: context.referencedImageId,
      sliceIndex: context.k,
    },
    data: {
      handles: {
        points: [
          corner(min.index[0], min.index[1]),
          corner(max.index[0], min.index[1]),
          corner(min.index[0], max.index[1]),
          corner(max.index[0], max.index[1]),
        ],
        activeHandleIndex: null,
      },
      voxelhub: { type: 'box3d', labelId: payload.labelId, imageRef: payload.imageRef },
    },
  };
}
