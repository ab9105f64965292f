import {
  type AnnotatedPoint,
  type AnnotationPayload,
  type AnnotationType,
  angleDegrees,
  type CodedConcept,
  CURRENT_SCHEMA_VERSIONS,
  type ImageRef,
  lengthMm,
  parseAnnotationPayload,
  type RoiStatistics,
  SCT,
  UCUM,
} from '@voxelhub/core/annotation';
import type { ImageGeometry } from './core-geometry.js';
import { CORNERSTONE_TOOL, type CornerstoneToolAnnotation } from './cornerstone-annotation.js';
import { ImagePlanePoints } from './image-plane-points.js';
import {
  circleAreaMm2,
  ellipseAreaMm2,
  parallelogramAreaMm2,
  statisticsFromCachedStats,
} from './roi-figures.js';

/** What the viewer knows that a Cornerstone annotation does not (its own facts in data.voxelhub come second). */
export interface FromCornerstoneContext {
  readonly geometry: ImageGeometry;
  readonly labelId?: string;
  readonly imageRef?: ImageRef;
  /** The payload type, when the tool alone does not say (a closed PlanarFreehandROI: polygon or contour). */
  readonly type?: AnnotationType;
  /** What a measurement or region measures (the label's code); defaults per type. */
  readonly concept?: CodedConcept;
  /** Statistics computed elsewhere, when Cornerstone's cachedStats are not there. */
  readonly statistics?: RoiStatistics;
  /** A landmark's name when the annotation carries none. */
  readonly landmarkName?: string;
}

/** A region's concept when the label gives none: SNOMED CT "Clinical finding". */
export const DEFAULT_REGION_CONCEPT: CodedConcept = Object.freeze({
  value: '404684003',
  scheme: 'SCT',
  meaning: 'Clinical finding',
});

export class CornerstoneMappingError extends Error {
  override readonly name = 'CornerstoneMappingError';
}

function defaultType(annotation: CornerstoneToolAnnotation): AnnotationType {
  switch (annotation.metadata.toolName) {
    case CORNERSTONE_TOOL.length:
      return 'length';
    case CORNERSTONE_TOOL.angle:
      return 'angle';
    case CORNERSTONE_TOOL.rectangleRoi:
      return 'rectangleRoi';
    case CORNERSTONE_TOOL.boundingBox:
      return 'box2d';
    case CORNERSTONE_TOOL.ellipticalRoi:
      return 'ellipseRoi';
    case CORNERSTONE_TOOL.circleRoi:
      return 'circleRoi';
    case CORNERSTONE_TOOL.splineRoi:
      return 'polygon';
    case CORNERSTONE_TOOL.planarFreehandRoi:
      return annotation.data.contour?.closed === false ? 'polyline' : 'freehandContour';
    case CORNERSTONE_TOOL.probe:
    case CORNERSTONE_TOOL.arrowAnnotate:
      return 'landmark';
    default:
      throw new CornerstoneMappingError(
        `no annotation type for Cornerstone tool ${annotation.metadata.toolName}`,
      );
  }
}

function handlePoints(annotation: CornerstoneToolAnnotation, count: number): number[][] {
  const points = annotation.data.handles.points;
  if (points.length < count) {
    throw new CornerstoneMappingError(
      `${annotation.metadata.toolName} needs ${count} handles, has ${points.length}`,
    );
  }
  return points;
}

/** An index-space box (min < max on i and j) from opposite corners, on the first corner's slice. */
function boxFrom(plane: ImagePlanePoints, corners: number[][]): { min: AnnotatedPoint; max: AnnotatedPoint } {
  // All four corners: on a rotated display the canvas rectangle is not axis-aligned in index space, and
  // the box is the index-space box around it.
  const indices = corners.map((c) => plane.fromWorld(c).index);
  const k = indices[0]![2];
  const along = (axis: 0 | 1) => indices.map((index) => index[axis]);
  const min = plane.fromIndex([Math.min(...along(0)), Math.min(...along(1)), k]);
  const max = plane.fromIndex([Math.max(...along(0)), Math.max(...along(1)), k]);
  return { min, max };
}

function regionStatistics(
  annotation: CornerstoneToolAnnotation,
  context: FromCornerstoneContext,
  areaMm2: number,
): RoiStatistics {
  const statistics =
    context.statistics ??
    statisticsFromCachedStats(annotation.data.cachedStats, areaMm2) ??
    annotation.data.voxelhub?.statistics;
  if (!statistics) {
    throw new CornerstoneMappingError(
      `${annotation.metadata.toolName} has no statistics yet (cachedStats is empty)`,
    );
  }
  return { ...statistics, area: areaMm2 };
}

function dataFor(
  type: AnnotationType,
  annotation: CornerstoneToolAnnotation,
  plane: ImagePlanePoints,
  context: FromCornerstoneContext,
): unknown {
  const facts = annotation.data.voxelhub;
  const concept = (fallback: CodedConcept) => context.concept ?? facts?.concept ?? fallback;
  switch (type) {
    case 'length': {
      const [a, b] = handlePoints(annotation, 2).map((p) => plane.fromWorld(p)) as [
        AnnotatedPoint,
        AnnotatedPoint,
      ];
      return {
        points: [a, b],
        concept: concept(SCT.length),
        value: lengthMm(a.patient, b.patient),
        unit: UCUM.millimetre,
      };
    }
    case 'angle': {
      const [a, v, b] = handlePoints(annotation, 3).map((p) => plane.fromWorld(p)) as [
        AnnotatedPoint,
        AnnotatedPoint,
        AnnotatedPoint,
      ];
      const value = angleDegrees(a.patient, v.patient, b.patient);
      if (value === undefined)
        throw new CornerstoneMappingError('an end of the angle coincides with its vertex');
      return { points: [a, v, b], concept: concept(SCT.angle), value, unit: UCUM.degree };
    }
    case 'box2d':
    case 'rectangleRoi': {
      const box = boxFrom(plane, handlePoints(annotation, 4).slice(0, 4));
      if (type === 'box2d') return box;
      const side = (i: number, j: number) => plane.fromIndex([i, j, box.min.index[2]]);
      const area = parallelogramAreaMm2(
        box.min,
        side(box.max.index[0], box.min.index[1]),
        side(box.min.index[0], box.max.index[1]),
      );
      return {
        box,
        concept: concept(DEFAULT_REGION_CONCEPT),
        statistics: regionStatistics(annotation, context, area),
      };
    }
    case 'ellipseRoi': {
      // Cornerstone's ellipse handles are the ends of its axes: [bottom, top, left, right].
      const [bottom, top, , right] = handlePoints(annotation, 4).map((p) =>
        plane.fromWorld(p),
      ) as AnnotatedPoint[];
      const center = plane.fromIndex(
        [0, 1, 2].map((d) => (bottom!.index[d]! + top!.index[d]!) / 2) as [number, number, number],
      );
      const axisEnds: [AnnotatedPoint, AnnotatedPoint] = [top!, right!];
      const area = ellipseAreaMm2(center, top!, right!);
      return {
        center,
        axisEnds,
        concept: concept(DEFAULT_REGION_CONCEPT),
        statistics: regionStatistics(annotation, context, area),
      };
    }
    case 'circleRoi': {
      const [center, edge] = handlePoints(annotation, 2).map((p) => plane.fromWorld(p)) as [
        AnnotatedPoint,
        AnnotatedPoint,
      ];
      const area = circleAreaMm2(center, edge);
      return {
        center,
        edge,
        concept: concept(DEFAULT_REGION_CONCEPT),
        statistics: regionStatistics(annotation, context, area),
      };
    }
    case 'polygon':
    case 'freehandContour':
    case 'polyline': {
      // A spline ROI's handles are its corners; a freehand one keeps its drawn line in the contour.
      const spline = annotation.metadata.toolName === CORNERSTONE_TOOL.splineRoi;
      const polyline = (!spline && annotation.data.contour?.polyline) || annotation.data.handles.points;
      return { points: polyline.map((p) => plane.fromWorld(p)) };
    }
    case 'landmark': {
      const [tip] = handlePoints(annotation, 1);
      const name = annotation.data.text || annotation.data.label || context.landmarkName;
      if (!name) throw new CornerstoneMappingError('a landmark needs a name (ArrowAnnotate text or a label)');
      return { name, point: plane.fromWorld(tip!) };
    }
    default:
      throw new CornerstoneMappingError(
        `${type} annotations are not drawn with Cornerstone tool annotations`,
      );
  }
}

/**
 * The payload for a Cornerstone3D tool annotation, checked by core's parseAnnotationPayload (so a
 * degenerate shape throws AnnotationPayloadError here rather than a 400 from the server). World points are
 * patient LPS mm; index points come from the image geometry.
 */
export function payloadFromCornerstone(
  annotation: CornerstoneToolAnnotation,
  context: FromCornerstoneContext,
): AnnotationPayload {
  const facts = annotation.data.voxelhub;
  const type = context.type ?? facts?.type ?? defaultType(annotation);
  const labelId = context.labelId ?? facts?.labelId;
  const imageRef = context.imageRef ?? facts?.imageRef;
  if (!labelId || !imageRef) throw new CornerstoneMappingError('the label and the image are not known');
  const plane = new ImagePlanePoints(context.geometry, imageRef);
  const data = dataFor(type, annotation, plane, context);
  return parseAnnotationPayload({
    schemaVersion: CURRENT_SCHEMA_VERSIONS[type],
    type,
    labelId,
    imageRef,
    data,
  });
}
