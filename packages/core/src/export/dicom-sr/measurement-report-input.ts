import type { ExportAnnotation, ExportLabel } from '../export-dataset.js';
import type { SrImageReference } from './sr-content-items.js';

/** An instance a measurement was drawn on, with the series it belongs to (for the evidence sequence). */
export interface SrSourceInstance extends SrImageReference {
  readonly seriesInstanceUid: string;
}

/**
 * The DICOM instance (and frame) of plane `index` (the annotation's sliceIndex or frameIndex, 0-based)
 * of one Voxelhub image, or undefined when that plane has none. See sliceInstances and frameInstances.
 */
export type SrInstanceLookup = (index: number) => SrSourceInstance | undefined;

/** The study the measurements were made in; the report joins it. */
export interface MeasurementReportSource {
  readonly studyInstanceUid: string;
  /** Written on SCOORD3D points (landmarks without a slice) and as the report's Frame of Reference. */
  readonly frameOfReferenceUid: string;
  /** Per Voxelhub image id: where each of its slices or frames lives in DICOM. */
  readonly instances: ReadonlyMap<string, SrInstanceLookup>;
  /** Patient and study attributes copied as given (type 2 ones are written empty when absent). */
  readonly patientName?: string;
  readonly patientId?: string;
  readonly patientBirthDate?: string;
  readonly patientSex?: string;
  readonly studyDate?: string;
  readonly studyTime?: string;
  readonly studyId?: string;
  readonly accessionNumber?: string;
  readonly referringPhysicianName?: string;
}

/** Who made the measurements: a person (optional) and the device (always, Voxelhub by default). */
export interface MeasurementReportObserver {
  /** Person Observer Name (PN), e.g. 'Doe^Jane'. */
  readonly personName?: string;
  /** Device Observer Name; default 'Voxelhub'. */
  readonly deviceName?: string;
  /** Device Observer UID; default a new UID per report. */
  readonly deviceUid?: string;
}

export interface WriteMeasurementReportInput {
  /** Landmarks, lengths, angles and ellipse, circle and rectangle ROIs (MEASUREMENT_REPORT_TYPES). */
  readonly annotations: readonly ExportAnnotation[];
  /** The labels the annotations name (by labelId). */
  readonly labels: readonly ExportLabel[];
  readonly source: MeasurementReportSource;
  /** The report's own UIDs, made by the caller (newDicomUid) so that it can record them. */
  readonly uids: { readonly seriesInstanceUid: string; readonly sopInstanceUid: string };
  readonly observer?: MeasurementReportObserver;
  readonly seriesDescription?: string;
  /** Default 301 (next to the SEG writer's 300). */
  readonly seriesNumber?: number;
  /** Content Date and Time (UTC); default now. */
  readonly contentDateTime?: Date;
}

/** The annotation types a measurement report carries; others are refused (filter them first). */
export const MEASUREMENT_REPORT_TYPES = Object.freeze([
  'landmark',
  'length',
  'angle',
  'ellipseRoi',
  'circleRoi',
  'rectangleRoi',
] as const);

export type MeasurementReportType = (typeof MEASUREMENT_REPORT_TYPES)[number];

/** Instances of a series of single-frame images: slice k is refs[k]. */
export function sliceInstances(refs: readonly SrSourceInstance[]): SrInstanceLookup {
  return (k) => refs[k];
}

/** One multi-frame instance: frame index f is Referenced Frame Number f + 1. */
export function frameInstances(ref: SrSourceInstance, numberOfFrames: number): SrInstanceLookup {
  return (f) =>
    Number.isInteger(f) && f >= 0 && f < numberOfFrames ? { ...ref, frameNumber: f + 1 } : undefined;
}

const UID = /^(0|[1-9]\d*)(\.(0|[1-9]\d*))*$/;

export function checkUid(value: string, name: string): void {
  if (!(typeof value === 'string' && value.length <= 64 && UID.test(value))) {
    throw new TypeError(
      `${name} must be a DICOM UID (digits and dots, at most 64 characters), not '${value}'`,
    );
  }
}
