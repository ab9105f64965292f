import dcmjs from 'dcmjs';
import type { AnnotatedPoint } from '../../annotation/annotated-point.js';
import { annotationPayloadSchema, CURRENT_SCHEMA_VERSIONS } from '../../annotation/annotation-payload.js';
import type { CodedConcept as AnnotationConcept } from '../../annotation/coded-concept.js';
import { ROI_STATISTIC_CONCEPTS } from '../../annotation/roi-statistics.js';
import type { ImageGeometry } from '../../volume/image-volume.js';
import { indexToPatient, patientToIndex } from '../../volume/patient-coordinates.js';
import type { CodedConcept } from '../dicom-seg/coded-concept.js';
import type { ExportAnnotation, ExportLabel } from '../export-dataset.js';

import { fromColumnRow } from './pixel-coordinates.js';
import { fromAnnotationConcept, LABEL_SCHEME, SR_CODES, toAnnotationConcept } from './sr-codes.js';
import type { SrImageReference } from './sr-content-items.js';
import {
  childNamed,
  childrenOf,
  codeOf,
  type NaturalItem,
  nameOf,
  numbersOf,
  sameCode,
  single,
} from './sr-tree.js';
import { uuidOfTrackingUid } from './tracking-uid.js';

/** A mutable (i, j, k) or (x, y, z) triple, as annotation payloads hold them. */
type Triple = AnnotatedPoint['index'];

/** The Voxelhub image plane an SR image reference stands for, with that image's grid. */
export interface LocatedPlane {
  readonly imageId: string;
  readonly sliceIndex?: number;
  readonly frameIndex?: number;
  readonly geometry: ImageGeometry;
}

export interface ReadMeasurementReportOptions {
  /** The image plane of a referenced instance (and frame), or undefined when it is not in the project. */
  readonly imageOf: (ref: SrImageReference) => LocatedPlane | undefined;
  /** The image a SCOORD3D landmark in this frame of reference belongs to. */
  readonly imageInFrame?: (
    frameOfReferenceUid: string,
  ) => Omit<LocatedPlane, 'sliceIndex' | 'frameIndex'> | undefined;
  /** Labels to map groups back to label ids (by the 99VOXELHUB finding's class index, else by name). */
  readonly labels: readonly ExportLabel[];
}

/** A measurement group that could not become an annotation, and why. */
export interface UnreadMeasurement {
  readonly trackingUid: string | undefined;
  readonly reason: string;
}

export interface MeasurementReportContent {
  readonly annotations: ExportAnnotation[];
  readonly unread: UnreadMeasurement[];
}

class GroupError extends Error {}

interface DcmjsReadApi {
  data: {
    DicomMessage: { readFile(buffer: ArrayBuffer): { dict: unknown } };
    DicomMetaDictionary: { naturalizeDataset(dict: unknown): NaturalItem };
  };
}

function parse(bytes: Uint8Array): NaturalItem {
  const api = dcmjs as unknown as DcmjsReadApi;
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  try {
    return api.data.DicomMetaDictionary.naturalizeDataset(api.data.DicomMessage.readFile(buffer).dict);
  } catch (error) {
    throw new TypeError(`not a readable DICOM Part 10 file: ${(error as Error).message}`);
  }
}

function located(plane: LocatedPlane | undefined, what: string): LocatedPlane {
  if (!plane) throw new GroupError(`${what} is not an image of this project`);
  return plane;
}

/** A SCOORD's points on its image, with the plane they lie on. */
function planarPoints(
  scoord: NaturalItem,
  options: ReadMeasurementReportOptions,
): {
  plane: LocatedPlane;
  points: AnnotatedPoint[];
} {
  const image = childrenOf(scoord).find((c) => c.ValueType === 'IMAGE');
  const sop = image ? (single(image.ReferencedSOPSequence) as NaturalItem | undefined) : undefined;
  if (!sop) throw new GroupError('a SCOORD has no SELECTED FROM image');
  const frame = sop.ReferencedFrameNumber;
  const ref: SrImageReference = {
    sopClassUid: String(sop.ReferencedSOPClassUID),
    sopInstanceUid: String(sop.ReferencedSOPInstanceUID),
    ...(frame !== undefined && frame !== '' ? { frameNumber: Number(single(frame)) } : {}),
  };
  const plane = located(options.imageOf(ref), `instance ${ref.sopInstanceUid}`);
  const k = plane.sliceIndex ?? plane.frameIndex ?? 0;
  const points = fromColumnRow(numbersOf(scoord.GraphicData)).map(([i, j]): AnnotatedPoint => {
    const index: Triple = [i, j, k];
    return { index, patient: [...indexToPatient(plane.geometry, index)] as Triple };
  });
  return { plane, points };
}

function measuredValue(num: NaturalItem): { value: number; unit: ReturnType<typeof codeOf> } {
  const measured = single(num.MeasuredValueSequence) as NaturalItem | undefined;
  if (!measured) throw new GroupError('a NUM has no measured value');
  return {
    value: Number(single(measured.NumericValue)),
    unit: codeOf(measured.MeasurementUnitsCodeSequence),
  };
}

function imageRefOf(plane: LocatedPlane) {
  return {
    imageId: plane.imageId,
    ...(plane.sliceIndex !== undefined ? { sliceIndex: plane.sliceIndex } : {}),
    ...(plane.frameIndex !== undefined ? { frameIndex: plane.frameIndex } : {}),
  };
}

function statistics(group: NaturalItem) {
  const measured = (key: keyof typeof ROI_STATISTIC_CONCEPTS) => {
    const num = childNamed(group, fromAnnotationConcept(ROI_STATISTIC_CONCEPTS[key]), 'NUM');
    if (!num) throw new GroupError(`the ROI has no ${ROI_STATISTIC_CONCEPTS[key].meaning}`);
    return measuredValue(num);
  };
  const mean = measured('mean');
  return {
    area: measured('area').value,
    mean: mean.value,
    stdDev: measured('stdDev').value,
    min: measured('min').value,
    max: measured('max').value,
    unit: required(mean.unit, 'unit of its Mean'),
  };
}

/** A code the group must have, in annotation form; a foreign report without it is a GroupError. */
function required(code: CodedConcept | undefined, what: string): AnnotationConcept {
  if (!code?.codeValue) throw new GroupError(`the group has no ${what}`);
  return toAnnotationConcept(code);
}

const midpoint = (a: AnnotatedPoint, b: AnnotatedPoint): AnnotatedPoint => ({
  index: a.index.map((v, i) => (v + b.index[i]!) / 2) as Triple,
  patient: a.patient.map((v, i) => (v + b.patient[i]!) / 2) as Triple,
});

/** The payload (type, image reference, data) of one group. */
function payloadOf(group: NaturalItem, name: string, options: ReadMeasurementReportOptions) {
  const region = childNamed(group, SR_CODES.imageRegion);
  if (region?.ValueType === 'SCOORD3D') {
    const frame = String(region.ReferencedFrameOfReferenceUID);
    const image = located(options.imageInFrame?.(frame), `frame of reference ${frame}`);
    const patient = numbersOf(region.GraphicData).slice(0, 3) as Triple;
    const index = [...patientToIndex(image.geometry, patient)] as Triple;
    return {
      type: 'landmark',
      imageRef: { imageId: image.imageId },
      data: { name, point: { index, patient } },
    };
  }
  if (region) {
    const { plane, points } = planarPoints(region, options);
    const imageRef = imageRefOf(plane);
    const finding = () =>
      required(codeOf(childNamed(group, SR_CODES.finding)?.ConceptCodeSequence), 'Finding');
    switch (String(region.GraphicType)) {
      case 'POINT':
        return { type: 'landmark', imageRef, data: { name, point: points[0] } };
      case 'CIRCLE':
        return {
          type: 'circleRoi',
          imageRef,
          data: { center: points[0], edge: points[1], concept: finding(), statistics: statistics(group) },
        };
      case 'ELLIPSE':
        return {
          type: 'ellipseRoi',
          imageRef,
          data: {
            center: midpoint(points[0]!, points[1]!),
            axisEnds: [points[1], points[3]],
            concept: finding(),
            statistics: statistics(group),
          },
        };
      case 'POLYLINE':
        return {
          type: 'rectangleRoi',
          imageRef,
          data: {
            box: { min: points[0], max: points[2] },
            concept: finding(),
            statistics: statistics(group),
          },
        };
      default:
        throw new GroupError(`an image region of graphic type ${String(region.GraphicType)}`);
    }
  }
  const num = childrenOf(group).find((c) => c.ValueType === 'NUM');
  const path = num && childrenOf(num).find((c) => c.ValueType === 'SCOORD');
  if (!num || !path) throw new GroupError('neither an image region nor a measurement inferred from a SCOORD');
  const { value, unit } = measuredValue(num);
  const { plane, points } = planarPoints(path, options);
  const type = unit?.codeValue === 'deg' ? 'angle' : 'length';
  const data = {
    points,
    concept: required(nameOf(num), 'measurement concept'),
    value,
    unit: required(unit, 'measurement unit'),
  };
  return { type, imageRef: imageRefOf(plane), data };
}

/**
 * The label of a group: by class index (the 99VOXELHUB finding's Code Value; its meaning may be cut to 64
 * characters), else by name (an ROI's Tracking Identifier).
 */
function labelIdOf(group: NaturalItem, identifier: string, labels: readonly ExportLabel[]): string {
  const finding = codeOf(childNamed(group, SR_CODES.finding)?.ConceptCodeSequence);
  if (finding?.codingSchemeDesignator === LABEL_SCHEME) {
    const byIndex = labels.find((l) => String(l.classIndex) === finding.codeValue);
    if (byIndex) return byIndex.id;
    const byName = labels.find((l) => l.name === finding.codeMeaning);
    if (byName) return byName.id;
    throw new GroupError(`label ${finding.codeValue} '${finding.codeMeaning}' is not in labels`);
  }
  const byName = labels.find((l) => l.name === identifier);
  if (!byName) throw new GroupError(`label '${identifier}' is not in labels`);
  return byName.id;
}

function readGroup(group: NaturalItem, options: ReadMeasurementReportOptions) {
  const trackingUid = childNamed(group, SR_CODES.trackingUniqueIdentifier)?.UID as string | undefined;
  const identifier = String(childNamed(group, SR_CODES.trackingIdentifier)?.TextValue ?? '');
  const labelId = labelIdOf(group, identifier, options.labels);
  const { type, imageRef, data } = payloadOf(group, identifier, options);
  const payload = annotationPayloadSchema.safeParse({
    schemaVersion: CURRENT_SCHEMA_VERSIONS[type as keyof typeof CURRENT_SCHEMA_VERSIONS],
    type,
    imageRef,
    labelId,
    data,
  });
  if (!payload.success) throw new GroupError(`not a valid ${type}: ${payload.error.issues[0]?.message}`);
  const id = (trackingUid && uuidOfTrackingUid(trackingUid)) ?? trackingUid ?? identifier;
  return { id, imageId: imageRef.imageId, labelId, payload: payload.data } satisfies ExportAnnotation;
}

/**
 * The measurement groups of a TID 1500 report (as writeMeasurementReport writes them) as annotations:
 * points come back in index space from the SCOORD pixel coordinates (−0.5 pixel, on the plane
 * `imageOf` names) and in patient space through that image's geometry. Ids come back from the Tracking
 * UIDs. Groups that cannot be read are listed in `unread` with the reason. A file that is not DICOM
 * or not a measurement report is a TypeError.
 */
export function readMeasurementReport(
  bytes: Uint8Array,
  options: ReadMeasurementReportOptions,
): MeasurementReportContent {
  const dataset = parse(bytes);
  if (!sameCode(codeOf(dataset.ConceptNameCodeSequence), SR_CODES.imagingMeasurementReport)) {
    throw new TypeError(
      'not a TID 1500 measurement report: its root is not (126000, DCM) Imaging Measurement Report',
    );
  }
  const measurements = childNamed(dataset, SR_CODES.imagingMeasurements, 'CONTAINER');
  const annotations: ExportAnnotation[] = [];
  const unread: UnreadMeasurement[] = [];
  for (const group of measurements ? childrenOf(measurements) : []) {
    if (!sameCode(nameOf(group), SR_CODES.measurementGroup)) continue;
    try {
      annotations.push(readGroup(group, options));
    } catch (error) {
      if (!(error instanceof GroupError)) throw error;
      const trackingUid = childNamed(group, SR_CODES.trackingUniqueIdentifier)?.UID as string | undefined;
      unread.push({ trackingUid, reason: error.message });
    }
  }
  return { annotations, unread };
}
