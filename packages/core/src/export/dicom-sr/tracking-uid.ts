import { newDicomUid, uuidToDicomUid } from '../dicom-seg/dicom-uid.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The Tracking Unique Identifier of an annotation: its id as a 2.25 UID when the id is a UUID (Voxelhub's
 * ids are), so that importing the report gives the id back; otherwise a new UID.
 */
export function trackingUidOf(annotationId: string): string {
  return UUID.test(annotationId) ? uuidToDicomUid(annotationId) : newDicomUid();
}

/** The UUID a 2.25 UID was made from (lower case), or undefined when it is not one. */
export function uuidOfTrackingUid(uid: string): string | undefined {
  const match = /^2\.25\.(\d{1,39})$/.exec(uid);
  if (!match) return undefined;
  const value = BigInt(match[1]!);
  if (value >= 1n << 128n) return undefined;
  const hex = value.toString(16).padStart(32, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
