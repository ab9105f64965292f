import type { Types } from '@cornerstonejs/tools';
import type { AnnotationType, CodedConcept, ImageRef, RoiStatistics } from '@voxelhub/core/annotation';

/** A point in Cornerstone3D's world coordinates, which are DICOM patient coordinates (LPS, mm). */
export type WorldPoint = [number, number, number];

/** Cornerstone3D's per-target statistics (`data.cachedStats[targetId]`), as its ROI tools fill them. */
export interface CornerstoneCachedStats {
  readonly mean?: number | number[];
  readonly stdDev?: number | number[];
  readonly min?: number | number[];
  readonly max?: number | number[];
  readonly modalityUnit?: string;
  readonly [key: string]: unknown;
}

/**
 * What Voxelhub keeps inside a Cornerstone annotation (`data.voxelhub`): the payload facts a tool cannot
 * hold (type, label, image reference, concept, statistics). Cornerstone's tools carry unknown data keys
 * along untouched, so an edited annotation still knows what it is.
 */
export interface VoxelhubAnnotationFacts {
  readonly type: AnnotationType;
  readonly labelId: string;
  readonly imageRef: ImageRef;
  readonly concept?: CodedConcept;
  readonly statistics?: RoiStatistics;
}

/**
 * The part of a Cornerstone3D tool annotation (`@cornerstonejs/tools` Types.Annotation) this mapping reads
 * and writes; a structural subset, so the mapping stays free of the DOM and of Cornerstone's runtime.
 */
export interface CornerstoneToolAnnotation {
  annotationUID?: string;
  metadata: {
    toolName: string;
    referencedImageId?: string;
    FrameOfReferenceUID?: string;
    [key: string]: unknown;
  };
  data: {
    handles: { points: WorldPoint[]; activeHandleIndex?: number | null; [key: string]: unknown };
    contour?: { polyline: WorldPoint[]; closed: boolean };
    label?: string;
    /** ArrowAnnotate's text. */
    text?: string;
    cachedStats?: Record<string, CornerstoneCachedStats>;
    voxelhub?: VoxelhubAnnotationFacts;
    [key: string]: unknown;
  };
}

/**
 * Cornerstone3D tool names. `BoundingBox` is not a Cornerstone tool: the viewer registers a subclass of
 * RectangleROITool under that name for 2D boxes (same handles, no statistics), so that boxes and
 * rectangle ROIs stay apart.
 */
export const CORNERSTONE_TOOL = {
  length: 'Length',
  angle: 'Angle',
  rectangleRoi: 'RectangleROI',
  boundingBox: 'BoundingBox',
  /** A RectangleROITool subclass for the slice a 3D box is seen on (the viewer moves it with the slice). */
  box3d: 'Box3D',
  /** Linear-spline ROIs are polygons: their handles are the corners. */
  splineRoi: 'SplineROI',
  ellipticalRoi: 'EllipticalROI',
  circleRoi: 'CircleROI',
  planarFreehandRoi: 'PlanarFreehandROI',
  probe: 'Probe',
  arrowAnnotate: 'ArrowAnnotate',
} as const;

type Assignable<T extends U, U> = T;
/** Compile-time check: what cornerstoneFromPayload makes can go into Cornerstone's annotation state as is. */
export type CornerstoneCompatible = Assignable<CornerstoneToolAnnotation, Types.Annotation>;

/**
 * Cornerstone's annotation (from a tool event) as the subset this mapping reads, or undefined when it lacks
 * a tool name or handle points (which Cornerstone's own type leaves optional).
 */
export function asToolAnnotation(annotation: Types.Annotation): CornerstoneToolAnnotation | undefined {
  const { metadata, data } = annotation;
  if (typeof metadata?.toolName !== 'string' || !Array.isArray(data.handles?.points)) return undefined;
  return annotation as CornerstoneToolAnnotation;
}
