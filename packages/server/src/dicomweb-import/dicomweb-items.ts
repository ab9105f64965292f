/**
 * A DICOMweb import job's items: one per instance, keyed `<SeriesInstanceUID>/<SOPInstanceUID>` (WADO-RS
 * needs both to retrieve it), its study and server in the job's payload.
 */

export const DICOMWEB_JOB_KIND = 'import.dicomweb';

/** jobs.payload of a DICOMweb import: never the token, which is given again on each run. */
export interface DicomwebPayload {
  /** The server's DICOMweb root, without a trailing slash. */
  readonly url: string;
  readonly studyInstanceUid: string;
}

export const dicomwebItemKey = (seriesInstanceUid: string, sopInstanceUid: string): string =>
  `${seriesInstanceUid}/${sopInstanceUid}`;

export function parseDicomwebItemKey(key: string): { seriesInstanceUid: string; sopInstanceUid: string } {
  const slash = key.indexOf('/');
  return { seriesInstanceUid: key.slice(0, slash), sopInstanceUid: key.slice(slash + 1) };
}

/** The SOP Instance UID. */
export const dicomwebItemName = (key: string): string => parseDicomwebItemKey(key).sopInstanceUid;
