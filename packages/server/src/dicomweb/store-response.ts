import type { DicomJson } from './dicom-json.js';
import { element } from './qido-search.js';

/**
 * The STOW-RS answer (PS3.18 10.5.3): referenced instances that were stored (or already were), failed
 * ones with a reason (PS3.4 C.4.2.1.4 status codes), and the study's RetrieveURL.
 */

/** Failure reasons (PS3.18 table 10.5.3-2 and PS3.4 annex C). */
export const FAILURE = {
  /** Processing failure: the part could not be read as a DICOM instance. */
  CANNOT_UNDERSTAND: 0xc000,
  /** The SOP class is not one Voxelhub stores (no Pixel Data). */
  SOP_CLASS_NOT_SUPPORTED: 0x0122,
  /** Out of resources: larger than the server accepts. */
  OUT_OF_RESOURCES: 0xa700,
  /** Study Instance UID differs from the one in the URL (as dcm4chee answers). */
  STUDY_MISMATCH: 0xc409,
  /**
   * Processing failure (0110H): the instance was received and stored, but the project holds it for a
   * person's review of burned-in text; it is listed under the project's held images, not in DICOMweb.
   */
  HELD_FOR_REVIEW: 0x0110,
} as const;

export interface StoredReference {
  readonly sopClassUid: string | null;
  readonly sopInstanceUid: string;
  readonly retrieveUrl: string;
}

export interface FailedReference {
  readonly sopClassUid?: string | undefined;
  readonly sopInstanceUid?: string | undefined;
  readonly reason: number;
}

export function storeResponse(
  studyUrl: string | undefined,
  stored: StoredReference[],
  failed: FailedReference[],
): DicomJson {
  const json: DicomJson = {};
  if (studyUrl) json['00081190'] = element('UR', [studyUrl]);
  if (failed.length)
    json['00081198'] = {
      vr: 'SQ',
      Value: failed.map((item) => ({
        '00081150': element('UI', item.sopClassUid ? [item.sopClassUid] : []),
        '00081155': element('UI', item.sopInstanceUid ? [item.sopInstanceUid] : []),
        '00081197': element('US', [item.reason]),
      })),
    };
  if (stored.length)
    json['00081199'] = {
      vr: 'SQ',
      Value: stored.map((item) => ({
        '00081150': element('UI', item.sopClassUid ? [item.sopClassUid] : []),
        '00081155': element('UI', [item.sopInstanceUid]),
        '00081190': element('UR', [item.retrieveUrl]),
      })),
    };
  return json;
}

/** 200 all stored, 202 some failed, 409 none stored (PS3.18 10.5.3). */
export function storeStatus(stored: number, failed: number): 200 | 202 | 409 {
  if (failed === 0) return 200;
  return stored === 0 ? 409 : 202;
}
