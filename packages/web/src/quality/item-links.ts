import { pathOf } from '../app/routes.js';
import type { QualityItem } from './quality-api.js';

/**
 * Where the viewer shows an item: its DICOM series when it has one (a DICOM image item too: the viewer opens
 * series), else the stored image (NIfTI, PNG, JPEG). Null when the item names neither.
 */
export function viewerPathOf(
  projectId: string,
  item: Pick<QualityItem, 'imageId' | 'studyUid' | 'seriesUid'>,
): string | null {
  if (item.studyUid && item.seriesUid)
    return pathOf({ name: 'viewer', projectId, studyUid: item.studyUid, seriesUid: item.seriesUid });
  if (item.imageId) return pathOf({ name: 'image', projectId, imageId: item.imageId });
  return null;
}

export function reviewPathOf(projectId: string, itemId: string): string {
  return pathOf({ name: 'quality-item', projectId, itemId });
}
