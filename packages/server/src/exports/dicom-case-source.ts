import type { InstanceHeader } from '@voxelhub/core';
import type { CaseStudy } from './case-images.js';
import type { VersionCase } from './version-export-model.js';

/** The source instance of one slice of a DICOM case, with what a SEG or SR must reference of it. */
export interface SliceInstance {
  readonly sopClassUid: string;
  readonly sopInstanceUid: string;
  readonly seriesInstanceUid: string;
  /** 1-based frame of a multi-frame source; absent for single-frame instances. */
  readonly frameNumber?: number;
}

/** What SEG and SR need of a DICOM case: its study and series, frame of reference, and slice instances. */
export interface DicomCaseSource {
  readonly study: CaseStudy;
  readonly frameOfReferenceUid: string | undefined;
  /** Slice k of the case's volume is slices[k]. */
  readonly slices: readonly SliceInstance[];
}

const FRAME_OF_REFERENCE_UID = '00200052';

/** The study of an instance whose series row has none recorded (not expected of an import, but cheap). */
function studyFromHeader(header: InstanceHeader): CaseStudy | undefined {
  if (!header.studyInstanceUID || !header.seriesInstanceUID) return undefined;
  return {
    studyInstanceUid: header.studyInstanceUID,
    seriesInstanceUid: header.seriesInstanceUID,
    patientName: null,
    patientId: header.patientId ?? null,
    patientBirthDate: null,
    patientSex: null,
    studyDate: null,
    studyTime: null,
    studyId: null,
    accessionNumber: null,
    referringPhysicianName: null,
    studyDescription: null,
  };
}

function frameOfReferenceInJson(dicomJson: string | null): string | undefined {
  if (!dicomJson) return undefined;
  const element = (JSON.parse(dicomJson) as Record<string, { Value?: unknown[] }>)[FRAME_OF_REFERENCE_UID];
  const value = element?.Value?.[0];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The DICOM source of a case, from what the import recorded (images.sop_instance_uid, sop_class_uid and
 * dicom_json, the study and series rows), slice by slice in the order of the case's volume; the instance
 * headers fill what an older import did not record. Undefined for a case that is not DICOM.
 */
export function dicomCaseSource(c: VersionCase): DicomCaseSource | undefined {
  const { plan, images } = c;
  if (!plan) return undefined;
  const first = plan.frames[0]!.header;
  const study = images.study ?? studyFromHeader(first);
  if (!study) return undefined;
  const rowBySop = new Map(images.rows.map((row) => [row.sopInstanceUid, row]));
  const slices = plan.frames.map((frame): SliceInstance => {
    const row = rowBySop.get(frame.header.sopInstanceUID ?? null);
    const sopInstanceUid = row?.sopInstanceUid ?? frame.header.sopInstanceUID ?? '';
    const sopClassUid = row?.sopClassUid ?? frame.header.sopClassUID ?? '';
    const multiFrame = frame.header.numberOfFrames > 1;
    return {
      sopClassUid,
      sopInstanceUid,
      seriesInstanceUid: study.seriesInstanceUid,
      ...(multiFrame ? { frameNumber: frame.frameIndex + 1 } : {}),
    };
  });
  const frameOfReferenceUid =
    images.rows.map((row) => frameOfReferenceInJson(row.dicomJson)).find((uid) => uid !== undefined) ??
    first.frameOfReferenceUID;
  return { study, frameOfReferenceUid, slices };
}

/** The patient and study attributes SEG and SR copy, without the empty ones. */
export function studyAttributes(study: CaseStudy) {
  const entries = Object.entries({
    patientName: study.patientName,
    patientId: study.patientId,
    patientBirthDate: study.patientBirthDate,
    patientSex: study.patientSex,
    studyDate: study.studyDate,
    studyTime: study.studyTime,
    studyId: study.studyId,
    accessionNumber: study.accessionNumber,
    referringPhysicianName: study.referringPhysicianName,
  }).filter(([, v]) => typeof v === 'string' && v !== '');
  return Object.fromEntries(entries) as Partial<Record<string, string>>;
}

/** A DICOM source a SEG or SR can reference: it has a Frame of Reference UID. */
export type ReferenceableSource = DicomCaseSource & { readonly frameOfReferenceUid: string };

/** The case's DICOM source, or why a SEG or SR cannot reference it (`what` names the object). */
export function referenceableSource(c: VersionCase, what: string): ReferenceableSource | string {
  const source = dicomCaseSource(c);
  if (!source) return `the case is not DICOM: ${what} references DICOM instances`;
  const { frameOfReferenceUid } = source;
  if (!frameOfReferenceUid) return `the series has no Frame of Reference UID, which ${what} needs`;
  return { ...source, frameOfReferenceUid };
}
