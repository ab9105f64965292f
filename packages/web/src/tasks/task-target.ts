import type { Study } from '../api/api-types.js';
import { pathOf } from '../app/routes.js';
import type { Task } from './task-types.js';

/** Where a task's series is, by series id: the DICOMweb UIDs the viewer's address needs. */
export interface SeriesLocation {
  readonly studyUid: string;
  readonly seriesUid: string;
  readonly description: string;
}

export function seriesLocations(studies: readonly Study[]): Map<string, SeriesLocation> {
  const locations = new Map<string, SeriesLocation>();
  for (const study of studies)
    for (const series of study.series)
      locations.set(series.id, {
        studyUid: study.studyInstanceUid,
        seriesUid: series.seriesInstanceUid,
        description: series.description || series.seriesInstanceUid,
      });
  return locations;
}

/**
 * The viewer address of a task: its series, or its image for a task on one image; null for a series this
 * list does not know.
 */
export function viewerPathOf(
  projectId: string,
  task: Task,
  locations: ReadonlyMap<string, SeriesLocation>,
): string | null {
  // A task on one image (a reader's item of a radiograph, a NIfTI, a PNG) opens that image.
  if (!task.seriesId && task.imageId) return pathOf({ name: 'image', projectId, imageId: task.imageId });
  const location = task.seriesId ? locations.get(task.seriesId) : undefined;
  if (!location) return null;
  return pathOf({ name: 'viewer', projectId, studyUid: location.studyUid, seriesUid: location.seriesUid });
}
