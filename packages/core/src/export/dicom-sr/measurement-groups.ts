import type { AnnotatedPoint } from '../../annotation/annotated-point.js';
import type { AnnotationPayloadOf } from '../../annotation/annotation-payload.js';
import {
  ROI_AREA_UNIT,
  ROI_STATISTIC_CONCEPTS,
  type RoiStatistics,
} from '../../annotation/roi-statistics.js';
import { distance } from '../../geometry/vector.js';
import type { CodedConcept } from '../dicom-seg/coded-concept.js';
import type { ExportAnnotation, ExportLabel } from '../export-dataset.js';
import type { MeasurementReportSource, SrSourceInstance } from './measurement-report-input.js';
import { onSlice, type PixelPoint, toColumnRow } from './pixel-coordinates.js';
import { codeMeaning, fromAnnotationConcept, LABEL_SCHEME, SR_CODES } from './sr-codes.js';
import {
  type ContentItem,
  codeContentItem,
  containerItem,
  numItem,
  scoord3dItem,
  scoordItem,
  textItem,
  uidRefItem,
} from './sr-content-items.js';
import { trackingUidOf } from './tracking-uid.js';

/** A measurement group and the instance it references (for the image library and evidence). */
export interface BuiltGroup {
  readonly item: ContentItem;
  readonly instance?: SrSourceInstance;
}

/** The label as a code of Voxelhub's private scheme: value its class index, meaning its name. */
export function labelCode(label: ExportLabel): CodedConcept {
  return {
    codeValue: String(label.classIndex),
    codingSchemeDesignator: LABEL_SCHEME,
    codeMeaning: codeMeaning(label.name),
  };
}

function group(template: '1410' | '1501', items: readonly ContentItem[]): ContentItem {
  return containerItem('CONTAINS', SR_CODES.measurementGroup, items, template);
}

function trackingItems(identifier: string, annotationId: string): ContentItem[] {
  return [
    textItem('HAS OBS CONTEXT', SR_CODES.trackingIdentifier, identifier),
    uidRefItem('HAS OBS CONTEXT', SR_CODES.trackingUniqueIdentifier, trackingUidOf(annotationId)),
  ];
}

function finding(concept: CodedConcept): ContentItem {
  return codeContentItem('CONTAINS', SR_CODES.finding, concept);
}

function planeOf(annotation: ExportAnnotation): number | undefined {
  const ref = annotation.payload.imageRef;
  return ref.sliceIndex ?? ref.frameIndex;
}

function instanceOf(annotation: ExportAnnotation, source: MeasurementReportSource): SrSourceInstance {
  const plane = planeOf(annotation);
  const lookup = source.instances.get(annotation.imageId);
  const instance = plane === undefined ? undefined : lookup?.(plane);
  if (!instance) {
    throw new RangeError(
      `annotation ${annotation.id}: no DICOM instance for image '${annotation.imageId}' plane ${plane ?? '(none)'} in source.instances`,
    );
  }
  return instance;
}

function statisticItems(s: RoiStatistics): ContentItem[] {
  const unit = fromAnnotationConcept(s.unit);
  const c = ROI_STATISTIC_CONCEPTS;
  return [
    numItem(fromAnnotationConcept(c.area), s.area, fromAnnotationConcept(ROI_AREA_UNIT)),
    numItem(fromAnnotationConcept(c.mean), s.mean, unit),
    numItem(fromAnnotationConcept(c.stdDev), s.stdDev, unit),
    numItem(fromAnnotationConcept(c.min), s.min, unit),
    numItem(fromAnnotationConcept(c.max), s.max, unit),
  ];
}

/** The (i, j) ends of the axis through `centre` and `end`: centre − (end − centre), then end. */
function axisEnds(centre: AnnotatedPoint, end: AnnotatedPoint): PixelPoint[] {
  const [ci, cj] = centre.index;
  const [ei, ej] = end.index;
  return [
    [2 * ci - ei, 2 * cj - ej],
    [ei, ej],
  ];
}

/**
 * ROI outline as SCOORD (PS3.3 C.18.6.1.2): ELLIPSE with the major axis first (the longer in mm, so
 * that anisotropic pixels do not mislead), CIRCLE centre then rim, and a rectangle as a closed POLYLINE
 * (first corner repeated last; POLYGON exists only in SCOORD3D).
 */
function roiRegion(payload: AnnotationPayloadOf<'ellipseRoi' | 'circleRoi' | 'rectangleRoi'>): {
  graphicType: string;
  points: PixelPoint[];
} {
  if (payload.type === 'circleRoi') {
    return { graphicType: 'CIRCLE', points: [onSlice(payload.data.center), onSlice(payload.data.edge)] };
  }
  if (payload.type === 'ellipseRoi') {
    const { center, axisEnds: ends } = payload.data;
    const [a, b] = ends;
    const longer = distance(center.patient, a.patient) >= distance(center.patient, b.patient);
    const [major, minor] = longer ? [a, b] : [b, a];
    return { graphicType: 'ELLIPSE', points: [...axisEnds(center, major), ...axisEnds(center, minor)] };
  }
  const [i0, j0] = onSlice(payload.data.box.min);
  const [i1, j1] = onSlice(payload.data.box.max);
  return {
    graphicType: 'POLYLINE',
    points: [
      [i0, j0],
      [i1, j0],
      [i1, j1],
      [i0, j1],
      [i0, j0],
    ],
  };
}

/** One annotation as a TID 1410 (landmark, ROI) or TID 1501 (length, angle) measurement group. */
export function measurementGroup(
  annotation: ExportAnnotation,
  label: ExportLabel,
  source: MeasurementReportSource,
): BuiltGroup {
  const p = annotation.payload;
  switch (p.type) {
    case 'landmark': {
      const head = [...trackingItems(p.data.name, annotation.id), finding(labelCode(label))];
      if (planeOf(annotation) === undefined) {
        const region = scoord3dItem(
          'CONTAINS',
          SR_CODES.imageRegion,
          'POINT',
          p.data.point.patient,
          source.frameOfReferenceUid,
        );
        return { item: group('1410', [...head, region]) };
      }
      const instance = instanceOf(annotation, source);
      const region = scoordItem(
        'CONTAINS',
        SR_CODES.imageRegion,
        'POINT',
        toColumnRow([onSlice(p.data.point)]),
        instance,
      );
      return { item: group('1410', [...head, region]), instance };
    }
    case 'length':
    case 'angle': {
      const instance = instanceOf(annotation, source);
      const path = scoordItem(
        'INFERRED FROM',
        undefined,
        'POLYLINE',
        toColumnRow(p.data.points.map(onSlice)),
        instance,
      );
      const value = numItem(
        fromAnnotationConcept(p.data.concept),
        p.data.value,
        fromAnnotationConcept(p.data.unit),
        [path],
      );
      return {
        item: group('1501', [...trackingItems(label.name, annotation.id), finding(labelCode(label)), value]),
        instance,
      };
    }
    case 'ellipseRoi':
    case 'circleRoi':
    case 'rectangleRoi': {
      const instance = instanceOf(annotation, source);
      const { graphicType, points } = roiRegion(p);
      const pixels = toColumnRow(points);
      const region = scoordItem('CONTAINS', SR_CODES.imageRegion, graphicType, pixels, instance);
      const head = [
        ...trackingItems(label.name, annotation.id),
        finding(fromAnnotationConcept(p.data.concept)),
      ];
      return { item: group('1410', [...head, region, ...statisticItems(p.data.statistics)]), instance };
    }
    default:
      throw new TypeError(
        `annotation ${annotation.id}: a measurement report cannot carry '${p.type}' annotations (landmark, length, angle, ellipseRoi, circleRoi, rectangleRoi only)`,
      );
  }
}
