import { api } from '../../api/api-client.js';
import type { ImagePage, Study } from '../../api/api-types.js';

/** The server's ids for a DICOM series: the series row and each instance's image row, by SOP Instance UID. */
export interface SeriesImageIds {
  readonly seriesId: string;
  readonly imageIdBySop: ReadonlyMap<string, string>;
}

const PAGE = 1000;

/**
 * Finds the series (by its UID) among the project's studies and pages through its images: annotations name
 * server ids, while the viewer knows the DICOM UIDs it loaded from DICOMweb.
 */
export async function loadSeriesImageIds(projectId: string, seriesUid: string): Promise<SeriesImageIds> {
  const project = `/api/projects/${encodeURIComponent(projectId)}`;
  const { studies } = await api.get<{ studies: Study[] }>(`${project}/studies`);
  const series = studies.flatMap((s) => s.series).find((s) => s.seriesInstanceUid === seriesUid);
  if (!series) throw new Error(`series ${seriesUid} is not in this project`);
  const imageIdBySop = new Map<string, string>();
  for (let offset = 0; ; offset += PAGE) {
    const page = await api.get<ImagePage>(
      `${project}/images?seriesId=${encodeURIComponent(series.id)}&limit=${PAGE}&offset=${offset}`,
    );
    for (const image of page.images)
      if (image.sopInstanceUid) imageIdBySop.set(image.sopInstanceUid, image.id);
    if (page.images.length < PAGE || offset + PAGE >= page.total) break;
  }
  return { seriesId: series.id, imageIdBySop };
}
