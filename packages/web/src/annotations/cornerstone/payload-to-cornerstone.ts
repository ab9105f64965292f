import type { AnnotatedPoint, AnnotationPayload } from '@voxelhub/core/annotation';
import type { ImageGeometry, Vec3 } from './core-geometry.js';
import {
  CORNERSTONE_TOOL,
  type CornerstoneToolAnnotation,
  type VoxelhubAnnotationFacts,
  type WorldPoint,
} from './cornerstone-annotation.js';
import { ImagePlanePoints } from './image-plane-points.js';

export interface ToCornerstoneContext {
  readonly geometry: ImageGeometry;
  /** Cornerstone's id of the annotation: the store key, so that tool events find the record. */
  readonly annotationUID: string;
  /** Cornerstone's image id of the slice or frame (wadors:…/frames/N), which stack viewports match on. */
  readonly referencedImageId?: string;
  readonly FrameOfReferenceUID?: string;
}

/** Index-space corners [min, (max.i, min.j), (min.i, max.j), max]: Cornerstone's rectangle handle order. */
function rectangleCorners(plane: ImagePlanePoints, min: AnnotatedPoint, max: AnnotatedPoint): WorldPoint[] {
  const k = min.index[2];
  const corners: Vec3[] = [
    [min.index[0], min.index[1], k],
    [max.index[0], min.index[1], k],
    [min.index[0], max.index[1], k],
    [max.index[0], max.index[1], k],
  ];
  return corners.map((index) => plane.toWorld({ index: [...index], patient: [0, 0, 0] }));
}

/** The ellipse's axis ends in Cornerstone's order [bottom, top, left, right], mirrored through the centre. */
function ellipseAxisEnds(
  plane: ImagePlanePoints,
  center: AnnotatedPoint,
  axisEnds: readonly AnnotatedPoint[],
): WorldPoint[] {
  const mirror = (p: AnnotatedPoint): AnnotatedPoint => ({
    index: [0, 1, 2].map((d) => 2 * center.index[d]! - p.index[d]!) as [number, number, number],
    patient: [0, 0, 0],
  });
  const [a, b] = axisEnds as [AnnotatedPoint, AnnotatedPoint];
  return [mirror(a), a, mirror(b), b].map((p) => plane.toWorld(p));
}

interface ToolShape {
  readonly toolName: string;
  readonly points: WorldPoint[];
  readonly contour?: { polyline: WorldPoint[]; closed: boolean };
  readonly label?: string;
  readonly spline?: { readonly type: 'LINEAR' };
}

function toolShape(payload: AnnotationPayload, plane: ImagePlanePoints): ToolShape | undefined {
  const world = (p: AnnotatedPoint) => plane.toWorld(p);
  switch (payload.type) {
    case 'length':
      return { toolName: CORNERSTONE_TOOL.length, points: payload.data.points.map(world) };
    case 'angle':
      return { toolName: CORNERSTONE_TOOL.angle, points: payload.data.points.map(world) };
    case 'box2d':
      return {
        toolName: CORNERSTONE_TOOL.boundingBox,
        points: rectangleCorners(plane, payload.data.min, payload.data.max),
      };
    case 'rectangleRoi': {
      const { min, max } = payload.data.box;
      return { toolName: CORNERSTONE_TOOL.rectangleRoi, points: rectangleCorners(plane, min, max) };
    }
    case 'ellipseRoi':
      return {
        toolName: CORNERSTONE_TOOL.ellipticalRoi,
        points: ellipseAxisEnds(plane, payload.data.center, payload.data.axisEnds),
      };
    case 'circleRoi':
      return {
        toolName: CORNERSTONE_TOOL.circleRoi,
        points: [world(payload.data.center), world(payload.data.edge)],
      };
    case 'polygon': {
      // A linear spline: its handles are the corners, which stay editable one by one.
      const corners = payload.data.points.map(world);
      return {
        toolName: CORNERSTONE_TOOL.splineRoi,
        points: corners,
        contour: { polyline: corners, closed: true },
        spline: { type: 'LINEAR' },
      };
    }
    case 'freehandContour':
    case 'polyline':
      return {
        toolName: CORNERSTONE_TOOL.planarFreehandRoi,
        points: [],
        contour: { polyline: payload.data.points.map(world), closed: payload.type !== 'polyline' },
      };
    case 'landmark':
      return {
        toolName: CORNERSTONE_TOOL.probe,
        points: [world(payload.data.point)],
        label: payload.data.name,
      };
    default:
      return undefined; // labels, 3D boxes, masks and frame ranges are not Cornerstone tool annotations
  }
}

function factsOf(payload: AnnotationPayload): VoxelhubAnnotationFacts {
  const { type, labelId, imageRef } = payload;
  const data = payload.data as {
    concept?: VoxelhubAnnotationFacts['concept'];
    statistics?: VoxelhubAnnotationFacts['statistics'];
  };
  return {
    type,
    labelId,
    imageRef,
    ...(data.concept ? { concept: data.concept } : {}),
    ...(data.statistics ? { statistics: data.statistics } : {}),
  };
}

/**
 * The Cornerstone3D tool annotation that shows a stored payload, or undefined for types no Cornerstone
 * tool draws (classification, box3d, segmentation, frameRange). Positions come from the index points
 * through the image geometry. Landmarks become Probe annotations (one point; an ArrowAnnotate would need a
 * tail the payload does not store). The payload's own facts ride along in data.voxelhub.
 */
export function cornerstoneFromPayload(
  payload: AnnotationPayload,
  context: ToCornerstoneContext,
): CornerstoneToolAnnotation | undefined {
  const plane = new ImagePlanePoints(context.geometry, payload.imageRef);
  const shape = toolShape(payload, plane);
  if (!shape) return undefined;
  const slice = payload.imageRef.sliceIndex ?? payload.imageRef.frameIndex;
  return {
    annotationUID: context.annotationUID,
    metadata: {
      toolName: shape.toolName,
      ...(context.referencedImageId !== undefined ? { referencedImageId: context.referencedImageId } : {}),
      ...(context.FrameOfReferenceUID !== undefined
        ? { FrameOfReferenceUID: context.FrameOfReferenceUID }
        : {}),
      ...(slice !== undefined ? { sliceIndex: slice } : {}),
    },
    data: {
      handles: { points: shape.points, activeHandleIndex: null },
      ...(shape.contour ? { contour: shape.contour } : {}),
      ...(shape.label !== undefined ? { label: shape.label } : {}),
      ...(shape.spline ? { spline: { ...shape.spline } } : {}),
      voxelhub: factsOf(payload),
    },
  };
}
