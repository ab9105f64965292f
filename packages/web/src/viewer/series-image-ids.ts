import type { ImageGeometry } from '../annotations/cornerstone/core-geometry.js';
import { apiErrorOf } from '../api/api-error.js';
import { type DicomJsonInstance, numberValues, stringValue, TAG } from './dicom-json.js';
import { orderInstances } from './series-order.js';

export interface SeriesAddress {
  readonly projectId: string;
  readonly studyUid: string;
  readonly seriesUid: string;
}

/** One frame to show: its `wadors:` image id and the DICOM JSON its loader reads. */
export interface SeriesFrame {
  readonly imageId: string;
  readonly instance: DicomJsonInstance;
  /**
   * The voxel grid of the stored file when the frames show it reoriented (a NIfTI turned the right way up):
   * annotations index into the stored grid, whatever the display. Absent for DICOM, shown as stored.
   */
  readonly storedGeometry?: ImageGeometry;
}

/** The series' base URL on our DICOMweb (same origin: the session cookie signs the requests). */
export function seriesUrl({ projectId, studyUid, seriesUid }: SeriesAddress): string {
  const e = encodeURIComponent;
  return `${window.location.origin}/dicomweb/projects/${e(projectId)}/studies/${e(studyUid)}/series/${e(seriesUid)}`;
}

/**
 * Reads the series' metadata (one WADO-RS request for every instance) and makes a `wadors:` image id
 * per frame, in scrolling order. The frames themselves load later, one request each, as they are shown.
 */
export async function loadSeriesFrames(address: SeriesAddress): Promise<SeriesFrame[]> {
  const base = seriesUrl(address);
  const response = await fetch(`${base}/metadata`, {
    headers: { accept: 'application/dicom+json' },
    credentials: 'same-origin',
  });
  if (!response.ok) throw await apiErrorOf(response);
  const instances = orderInstances((await response.json()) as DicomJsonInstance[]);
  return instances.flatMap((instance) => {
    const sop = stringValue(instance, TAG.SOPInstanceUID);
    if (!sop) return [];
    const frames = numberValues(instance, TAG.NumberOfFrames)?.[0] ?? 1;
    return Array.from({ length: Math.max(1, frames) }, (_, i) => ({
      imageId: `wadors:${base}/instances/${encodeURIComponent(sop)}/frames/${i + 1}`,
      instance,
    }));
  });
}
